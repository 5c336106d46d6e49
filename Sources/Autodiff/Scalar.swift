import RealModule

/// The floating-point types the core computes in. `Real` (swift-numerics) supplies the
/// elementary functions generically, so every kernel is written once for all precisions.
public protocol DifferentiableScalar: Real, BinaryFloatingPoint, Sendable
where Self.RawSignificand: FixedWidthInteger {}

extension Double: DifferentiableScalar {}
extension Float: DifferentiableScalar {}
#if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
  extension Float16: DifferentiableScalar {}
#endif
