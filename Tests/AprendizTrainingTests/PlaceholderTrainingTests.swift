import Testing
@Suite struct TrainingPlaceholderTests { @Test func moduleLoads() { #expect(Bool(true)) } }
