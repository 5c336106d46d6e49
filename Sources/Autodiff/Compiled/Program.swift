/// The lowered form of a recorded function: flat instruction arrays over fixed storage.
///
/// Storage is addressed as (region, offset). Region `registers` is the function's own register
/// file (constants and materialised intermediates), region `input` is the caller's point `x`
/// (and, in the derivative sweeps, the caller's output buffers), and region `local` is the small
/// chunk scratch of element-wise groups: a value used only inside its group lives there, one
/// chunk at a time, and never touches main memory. Region `partial` holds one thread's partial
/// sum when the last stage runs in blocks on several threads (see `ThreadedLastStage`).
@usableFromInline
enum Region {
  static let registers = 0
  static let input = 1
  static let local = 2
  static let partial = 3
  static let count = 4
}

/// Elements processed per chunk by an element-wise group: small enough that a group's locals
/// stay in the first-level cache, large enough to amortise the per-instruction dispatch.
@usableFromInline
let chunkSize = 256

/// How an element-wise instruction reaches one operand inside a chunk starting at `s`:
/// element `j` of the chunk is at `base[region] + offset + s * chunkScale + j * stride`.
@usableFromInline
struct Operand: Hashable {
  var region: Int
  var offset: Int
  /// 1 for a vector operand, 0 for a scalar broadcast over the chunk.
  var stride: Int
  /// 1 for a full-length buffer, 0 for a chunk-local buffer or a scalar.
  var chunkScale: Int
}

/// One element-wise operation of a group (or a reduction into a scalar, for `sum`).
@usableFromInline
struct ElementInstruction {
  var code: ElementCode
  var out: Operand
  var a: Operand
  /// Equal to `a` for unary codes.
  var b: Operand
  /// Whether the operand depends on the input: derivatives flow only into active operands.
  var aActive: Bool
  var bActive: Bool
  /// Whether the result lives in chunk scratch and so must be recomputed before the reverse
  /// sweep of its chunk.
  var outIsLocal: Bool
  /// Whether the reverse sweep's write into the operand's adjoint is the first one of the
  /// chunk, and so an assignment: a chunk-local adjoint then needs neither clearing nor a read.
  var aAssigns = false
  var bAssigns = false
  /// Whether the local result's adjoint must be cleared before each chunk's reverse sweep
  /// (its first write is an accumulation).
  var clearsOutAdjoint = false
  /// For a `sum` whose operand is local and read by nothing else: the operand's adjoint is the
  /// sum's, the same for every element, so it is filled once per group run and the sum has no
  /// reverse step.
  var broadcastsAdjoint = false
  /// Where the reverse sweep reads the result's adjoint: `out` itself, or, when the result
  /// is a local whose only reader adds it unchanged (`a + b`, `a − b`'s `a`), that reader's
  /// result adjoint, which is then the same.
  var outAdjoint: Operand
  /// Whether the operand's adjoint is this instruction's result adjoint (see `outAdjoint`), so
  /// the reverse sweep writes nothing for it.
  var aAliased = false
  var bAliased = false
  /// The reverse sweep has nothing to write: every active operand is aliased.
  var skipsReverse = false
  /// For a local result whose only reader is a broadcasting sum, when the derivatives do not
  /// read the result: the forward sweep adds the results straight into the sum, never storing
  /// them, and the sum itself does nothing.
  var reducesInto: Operand?
  /// For that sum: its producer reduces into it.
  var isReducedByProducer = false
  /// The third operand of `multiplySquareAdd`, with its activity and adjoint write as for `b`
  /// (∂o/∂c = 1, so a local `c` read only here is aliased like an addition's operand). Unused,
  /// and inactive, for every other code.
  var c = Operand(region: Region.registers, offset: 0, stride: 0, chunkScale: 0)
  var cActive = false
  var cAssigns = false
  var cAliased = false
  /// Whether, in a fused last stage, the reverse step runs in the forward pass, in the same
  /// loop as the value: the result's adjoint is a broadcast sum adjoint, known before the
  /// chunk, and no later instruction writes the adjoints this one writes, so the writes land in
  /// the same order as in the reverse pass (see `planEagerReverse`).
  var reversesInForward = false
}

/// A contiguous piece of storage.
@usableFromInline
struct Location: Hashable {
  var region: Int
  var offset: Int
}

/// The operations that move or reduce whole buffers. All but `product` are linear, so their
/// tangents follow the same map and their adjoints the transposed one.
@usableFromInline
enum StructuralCode: UInt8 {
  /// dst[i] = src[i], i < count.
  case copy
  /// dst[t·count + i] = src[i] for t < times.
  case tile
  /// dst[i] = src[0], i < count.
  case fill
  /// dst[i] = 0, i < count.
  case zero
  /// dst[i] = Σ_t src[t·count + i] for t < times.
  case fold
  /// dst[0] = Π src[i], i < count; uses `scratch` (2·(count+1) elements).
  case product
}

@usableFromInline
struct StructuralInstruction {
  var code: StructuralCode
  var src: Location
  var dst: Location
  var count: Int
  var times: Int
  var srcActive: Bool
  var scratch: Int
}

/// A run of the program: either an element-wise group over `length` elements (instructions
/// `elements[first..<end]`), or one structural instruction.
@usableFromInline
struct Stage {
  var isGroup: Bool
  var first: Int
  var end: Int
  var length: Int
  /// For a structural stage, its index into the structural instructions.
  var structural: Int
  /// Whether a group's writes into the input's adjoints all go through full-length unit-stride
  /// operands, so that a chunk starting at `s` writes no input adjoint at or beyond
  /// `s + count + inputHigh`: when the group is the first reversed, they can then be cleared a
  /// window at a time, just before each chunk, instead of in a separate pass over the input.
  var clearsInputWindows = false
  var inputHigh = 0
  /// In a fused last stage that clears input windows, the instruction whose write into the
  /// input's adjoints comes first in each chunk and assigns (see `planFirstInputWrite`), or -1;
  /// and the input offset of the operand it writes.
  var firstInputWriter = -1
  var firstInputOffset = 0
  /// Where, in the chunk scratch's adjoints (and adjoint tangents), that writer's kept input
  /// adjoints are saved: `2 · chunkSize` elements.
  var inputSaveBuffer = 0
}
