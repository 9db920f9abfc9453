@testable import AprendizServing
import Foundation
import Testing

/// The fast body parser reads every JSON number as `Double(String)` (strtod, correctly rounded) does, and leaves
/// every body that is not exactly `{"inputs": [[numbers…], …]}` to the general decoder (nil).
@Suite struct NumericRowsParserTests {
    @Test func numbersEqualDoubleParsing() throws {
        let numbers = ["0", "-0", "1", "-7", "0.1", "0.001", "1.5", "3.141592653589793", "1E5", "-12.5e+3", "1e-7", "2.5E-3",
                       "123456789012345678901234", "9007199254740993", "0.30000000000000004", "2.2250738585072014e-308",
                       "1.7976931348623157e308", "4.9e-324", "1e300", "0.000000000000000000000000123", "12345678901234567.5",
                       "0.5882352941176471", "255", "0.99"]
        let body = #"{ "inputs" : [ ["# + numbers.joined(separator: " , ") + "],\n[" + numbers.reversed().joined(separator: ",") + "] ] }\n"
        let rows = try #require(NumericRowsParser.parse(Array(body.utf8)))
        #expect(rows.count == 2)
        for (i, text) in numbers.enumerated() {
            let expected = try #require(Double(text))
            #expect(rows[0][i].bitPattern == expected.bitPattern, "\(text): \(rows[0][i]) vs \(expected)")
        }
        #expect(rows[1] == Array(rows[0].reversed()))
        #expect(NumericRowsParser.parse(Array(#"{"inputs": []}"#.utf8)) == [])
        #expect(NumericRowsParser.parse(Array(#"{"inputs": [[]]}"#.utf8)) == [[]])
    }

    @Test func otherBodiesAreLeftToTheGeneralDecoder() {
        let bodies = [#"{"inputs": [[1, "a"]]}"#, #"{"inputs": [[1, null]]}"#, #"{"rows": [{"a": 1}]}"#, #"{"inputs": [[01]]}"#,
                      #"{"inputs": [[1.]]}"#, #"{"inputs": [[.5]]}"#, #"{"inputs": [[1e]]}"#, #"{"inputs": [[-]]}"#, #"{"inputs": [[1]]} x"#,
                      #"{"inputs": [[1]]"#, #"{"inputs": [[1], "rows": []}"#, #"{"inputs": [[1]], "rows": []}"#, #"{"input": [[1]]}"#,
                      #"[[1]]"#, "", #"{"inputs": [[1, 2,]]}"#, #"{"inputs": [[NaN]]}"#, #"{"inputs": [1, 2]}"#]
        for body in bodies { #expect(NumericRowsParser.parse(Array(body.utf8)) == nil, "\(body)") }
    }
}
