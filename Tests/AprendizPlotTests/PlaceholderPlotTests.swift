import Testing
@Suite struct PlotPlaceholderTests { @Test func moduleLoads() { #expect(Bool(true)) } }
