import Testing
@Suite struct DataPlaceholderTests { @Test func moduleLoads() { #expect(Bool(true)) } }
