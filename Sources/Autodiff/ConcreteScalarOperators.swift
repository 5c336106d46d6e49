// Arithmetic on Double and Float Variables, written out for each precision.
//
// With only the generic forms (`Variable<T> op Variable<T>`, `Variable<T> op T`, `T op
// Variable<T>`), every literal in a formula could be any of the standard library's number types
// or a `T`, and the type checker tries their combinations: Goldstein–Price as one expression did
// not type-check at all. The concrete forms settle each literal against the variable's own
// precision at once. The generic forms stay, disfavoured, for Float16 and for generic code.
// The Float forms are disfavoured too, so that a closure whose precision nothing fixes
// (`hessian(of: { 3 * $0[0] }, at: [1, 2])`) is Double, as its literals are, not ambiguous.
// `ProblemFormulaTests` compiles every problem file written as one Swift expression.
//
// In code generic over the precision (`Variable<T>`) only the generic forms apply, and there the
// checker still tries every number type for each literal: keep such formulas short and write
// literals with a decimal point (`14.0 * x`), or write the formula for Double.

public func + (a: Variable<Double>, b: Variable<Double>) -> Variable<Double> { .apply(.add, a, b) }
public func - (a: Variable<Double>, b: Variable<Double>) -> Variable<Double> {
  .apply(.subtract, a, b)
}
public func * (a: Variable<Double>, b: Variable<Double>) -> Variable<Double> {
  .apply(.multiply, a, b)
}
public func / (a: Variable<Double>, b: Variable<Double>) -> Variable<Double> {
  .apply(.divide, a, b)
}
public func pow(_ a: Variable<Double>, _ b: Variable<Double>) -> Variable<Double> {
  .apply(.power, a, b)
}
public func + (a: Variable<Double>, b: Double) -> Variable<Double> { .apply(.add, a, b) }
public func + (a: Double, b: Variable<Double>) -> Variable<Double> { .apply(.add, a, b) }
public func - (a: Variable<Double>, b: Double) -> Variable<Double> { .apply(.subtract, a, b) }
public func - (a: Double, b: Variable<Double>) -> Variable<Double> { .apply(.subtract, a, b) }
public func * (a: Variable<Double>, b: Double) -> Variable<Double> { .apply(.multiply, a, b) }
public func * (a: Double, b: Variable<Double>) -> Variable<Double> { .apply(.multiply, a, b) }
public func / (a: Variable<Double>, b: Double) -> Variable<Double> { .apply(.divide, a, b) }
public func / (a: Double, b: Variable<Double>) -> Variable<Double> { .apply(.divide, a, b) }
public func pow(_ a: Variable<Double>, _ b: Double) -> Variable<Double> { .apply(.power, a, b) }

@_disfavoredOverload public func + (a: Variable<Float>, b: Variable<Float>) -> Variable<Float> {
  .apply(.add, a, b)
}
@_disfavoredOverload public func - (a: Variable<Float>, b: Variable<Float>) -> Variable<Float> {
  .apply(.subtract, a, b)
}
@_disfavoredOverload public func * (a: Variable<Float>, b: Variable<Float>) -> Variable<Float> {
  .apply(.multiply, a, b)
}
@_disfavoredOverload public func / (a: Variable<Float>, b: Variable<Float>) -> Variable<Float> {
  .apply(.divide, a, b)
}
@_disfavoredOverload public func pow(_ a: Variable<Float>, _ b: Variable<Float>) -> Variable<Float>
{
  .apply(.power, a, b)
}
@_disfavoredOverload public func + (a: Variable<Float>, b: Float) -> Variable<Float> {
  .apply(.add, a, b)
}
@_disfavoredOverload public func + (a: Float, b: Variable<Float>) -> Variable<Float> {
  .apply(.add, a, b)
}
@_disfavoredOverload public func - (a: Variable<Float>, b: Float) -> Variable<Float> {
  .apply(.subtract, a, b)
}
@_disfavoredOverload public func - (a: Float, b: Variable<Float>) -> Variable<Float> {
  .apply(.subtract, a, b)
}
@_disfavoredOverload public func * (a: Variable<Float>, b: Float) -> Variable<Float> {
  .apply(.multiply, a, b)
}
@_disfavoredOverload public func * (a: Float, b: Variable<Float>) -> Variable<Float> {
  .apply(.multiply, a, b)
}
@_disfavoredOverload public func / (a: Variable<Float>, b: Float) -> Variable<Float> {
  .apply(.divide, a, b)
}
@_disfavoredOverload public func / (a: Float, b: Variable<Float>) -> Variable<Float> {
  .apply(.divide, a, b)
}
@_disfavoredOverload public func pow(_ a: Variable<Float>, _ b: Float) -> Variable<Float> {
  .apply(.power, a, b)
}
