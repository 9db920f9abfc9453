import Foundation

/// One tensor of a safetensors file: its stored dtype, shape and row-major values as `Float`.
///
/// Format: <https://github.com/huggingface/safetensors#format>. Values of every supported dtype are converted to
/// `Float` on reading (integers above 2²⁴ in magnitude round to the nearest `Float`); writing always stores `F32`.
public struct SafetensorsTensor: Equatable, Sendable {
    /// The dtype the tensor had in the file (``SafetensorsDType/f32`` for tensors made in Swift).
    public var dtype: SafetensorsDType
    /// Dimension sizes, outermost first; `[]` is a scalar (one value).
    public var shape: [Int]
    /// The values in row-major order; `scalars.count` is the product of `shape`.
    public var scalars: [Float]

    /// Creates a tensor; `scalars.count` should equal the product of `shape` (checked when writing).
    public init(shape: [Int], scalars: [Float], dtype: SafetensorsDType = .f32) {
        self.shape = shape
        self.scalars = scalars
        self.dtype = dtype
    }
}

/// The element types of the safetensors format (the `"dtype"` strings of the header).
///
/// Format: <https://github.com/huggingface/safetensors#format>. All are read little-endian and converted to `Float`
/// except the 8-bit float formats, which are rejected with ``SafetensorsError/Reason/unsupportedDType(tensor:dtype:)``.
public enum SafetensorsDType: String, CaseIterable, Sendable {
    /// IEEE 754 binary64.
    case f64 = "F64"
    /// IEEE 754 binary32 (the dtype this package writes).
    case f32 = "F32"
    /// IEEE 754 binary16.
    case f16 = "F16"
    /// bfloat16: the upper 16 bits of a binary32.
    case bf16 = "BF16"
    /// Signed integers.
    case i64 = "I64", i32 = "I32", i16 = "I16", i8 = "I8"
    /// Unsigned integers.
    case u64 = "U64", u32 = "U32", u16 = "U16", u8 = "U8"
    /// One byte per value, 0 = false, anything else = true (read as 0 or 1).
    case bool = "BOOL"

    /// Bytes per element.
    public var byteCount: Int {
        switch self {
        case .f64, .i64, .u64: 8
        case .f32, .i32, .u32: 4
        case .f16, .bf16, .i16, .u16: 2
        case .i8, .u8, .bool: 1
        }
    }

    static let supportedList = allCases.map(\.rawValue).joined(separator: ", ")
}

extension SafetensorsDType {
    /// Converts `count` little-endian elements starting at `offset` of `bytes` to `Float`.
    func floats(from bytes: UnsafeRawBufferPointer, offset: Int, count: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count {
                buffer[index] = float(in: bytes, at: offset + index * byteCount)
            }
            initialized = count
        }
    }

    private func float(in bytes: UnsafeRawBufferPointer, at offset: Int) -> Float {
        func load<T: FixedWidthInteger>(_: T.Type) -> T {
            T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
        }
        switch self {
        case .f64: return Float(Double(bitPattern: load(UInt64.self)))
        case .f32: return Float(bitPattern: load(UInt32.self))
        case .f16: return Self.floatFromHalf(load(UInt16.self))
        case .bf16: return Float(bitPattern: UInt32(load(UInt16.self)) << 16)
        case .i64: return Float(load(Int64.self))
        case .i32: return Float(load(Int32.self))
        case .i16: return Float(load(Int16.self))
        case .i8: return Float(load(Int8.self))
        case .u64: return Float(load(UInt64.self))
        case .u32: return Float(load(UInt32.self))
        case .u16: return Float(load(UInt16.self))
        case .u8: return Float(load(UInt8.self))
        case .bool: return load(UInt8.self) == 0 ? 0 : 1
        }
    }

    /// IEEE binary16 bits → Float, by hand because `Float16` is unavailable on macOS/x86_64.
    ///
    /// ```
    /// normal:    (−1)ˢ · 2^(e−15) · (1 + m/1024)
    /// subnormal: (−1)ˢ · 2^(−14)  · (m/1024)
    /// e = 31:    ±∞ (m = 0) or NaN
    /// ```
    static func floatFromHalf(_ bits: UInt16) -> Float {
        let sign: Float = bits & 0x8000 == 0 ? 1 : -1
        let exponent = Int((bits >> 10) & 0x1F)
        let mantissa = Float(bits & 0x3FF)
        switch exponent {
        case 0: return sign * mantissa * 0x1p-24
        case 31: return mantissa == 0 ? sign * .infinity : .nan
        default: return sign * (1 + mantissa / 1024) * Float(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }
}
