import Foundation
import Testing
@testable import AprendizData

/// Mutated tables never crash the CSV reader: each of 400 seeded mutations of a valid mixed table (bytes flipped,
/// quotes, delimiters, line breaks, a byte-order mark or invalid UTF-8 inserted, ranges deleted or repeated, the
/// file cut short) either reads or throws a `NumericTableError`; and one chunk and many 64-byte chunks agree on the
/// result, table or error, so the quote-parity chunk boundaries hold on broken input too.
@Suite struct CSVFuzzTests {
    static let valid = Array("""
        id;cidade;altura;ativo;nota
        1;Lisboa;1,75;true;"ótimo; ""muito"" bom"
        2;Porto;1,62;false;NA
        3;"São
        Paulo";;TRUE;?
        4;Faro;1,80;false;"x"

        5;Braga;1e2;true;y
        """.utf8)

    /// A whole number in 0..<bound (0 when bound is 0).
    static func draw(_ bound: Int, _ generator: inout SplitMix64) -> Int {
        bound > 0 ? Int.random(in: 0..<bound, using: &generator) : 0
    }

    static func mutated(_ bytes: [UInt8], _ generator: inout SplitMix64) -> [UInt8] {
        func next(_ bound: Int) -> Int { draw(bound, &generator) }
        var bytes = bytes
        for _ in 0..<(1 + next(3)) {
            let at = next(bytes.count + 1)
            switch next(8) {
            case 0 where at < bytes.count: bytes[at] = UInt8(next(256))
            case 1: bytes.insert([0x22, 0x3B, 0x0A, 0x0D, 0x2C, 0x20][next(6)], at: at)
            case 2: bytes.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: at)
            case 3: bytes.insert(contentsOf: [0xFF, 0xC3], at: at)
            case 4: bytes.removeSubrange(at..<min(bytes.count, at + next(12)))
            case 5: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + next(40))], at: at)
            case 6: bytes.removeLast(next(bytes.count + 1))
            default: bytes.insert(contentsOf: Array("9".utf8) + [UInt8](repeating: 0x39, count: next(40)) + Array("e-99999".utf8), at: at)
            }
        }
        return bytes
    }

    /// The table or the error's description, for comparing two reads.
    static func outcome(_ url: URL, threads: Int, chunk: Int) -> String {
        var options = CSVReadOptions(threads: threads)
        options.minimumChunkBytes = chunk
        do {
            let table = try Table.readCSV(url, options: options)
            return "\(table.columns)"
        } catch {
            return error.description
        }
    }

    @Test func mutatedTablesThrowOrRead() throws {
        try FormatTestSupport.withScratchDirectory { directory in
            var generator = SplitMix64(seed: 12_345)
            let url = directory.appendingPathComponent("m.csv")
            var read = 0, thrown = 0
            for _ in 0..<400 {
                let bytes = Self.mutated(Self.valid, &generator)
                try Data(bytes).write(to: url)
                let one = Self.outcome(url, threads: 1, chunk: 1 << 20)
                let many = Self.outcome(url, threads: 4, chunk: 64)
                #expect(one == many, "\(String(decoding: bytes, as: UTF8.self))")
                do {
                    _ = try NumericTable(contentsOf: url, delimiter: ";")
                    read += 1
                } catch {
                    thrown += 1
                }
            }
            #expect(read + thrown == 400)
            #expect(thrown > 0)
        }
    }
}
