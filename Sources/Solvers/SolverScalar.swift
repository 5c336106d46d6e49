import RealModule

/// The precisions a solver runs in (Double and Float; Float16 where available).
public protocol SolverScalar: Real, BinaryFloatingPoint, Sendable
where Self.RawSignificand: FixedWidthInteger {}

extension Double: SolverScalar {}
extension Float: SolverScalar {}
#if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
  extension Float16: SolverScalar {}
#endif
