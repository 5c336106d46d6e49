import RealModule

/// The floating-point types the core computes in. `Real` (swift-numerics) supplies the
/// elementary functions generically, so every kernel is written once for all precisions.
/// `BitwiseCopyable` lets unspecialised generic code copy and destroy values without calls
/// through the type's value witnesses (a graph node's deinit, which is never specialised, made
/// two for every node freed).
public protocol DifferentiableScalar: Real, BinaryFloatingPoint, BitwiseCopyable, Sendable
where Self.RawSignificand: FixedWidthInteger {}

extension Double: DifferentiableScalar {}
extension Float: DifferentiableScalar {}
#if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
  extension Float16: DifferentiableScalar {}
#endif
