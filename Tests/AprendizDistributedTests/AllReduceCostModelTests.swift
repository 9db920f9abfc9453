import Aprendiz
import Testing

/// The ring all-reduce cost model T(n, p) = 2(p−1)α + 2(p−1)/p · n/B, with values worked by hand.
@Suite struct AllReduceCostModelTests {
    @Test func predictsTheRingTimeByHand() {
        let model = AllReduceCostModel(latency: 5e-6, bandwidth: 1e9)
        // p = 8, n = 4 MB: 2·7·5 µs + 2·7/8 · 4e6/1e9 s = 70 µs + 7 ms = 7.07 ms.
        #expect(abs(model.seconds(bytes: 4e6, ranks: 8) - 7.07e-3) < 1e-12)
        // p = 2, n = 1 kB: 2·5 µs + 1e3/1e9 s = 11 µs; one process communicates nothing.
        #expect(abs(model.seconds(bytes: 1e3, ranks: 2) - 11e-6) < 1e-15)
        #expect(model.seconds(bytes: 1e6, ranks: 1) == 0)
    }

    @Test func fitRecoversLatencyAndBandwidth() {
        // Exact times of α = 3 µs, B = 2 GB/s over p = 4 (T = 2·3·α + 2·3/4 · n/B = 18 µs + 1.5 n / 2e9) are fitted back exactly.
        let bytes: [Double] = [4096, 65536, 1_048_576, 16_777_216, 67_108_864]
        let seconds = bytes.map { 18e-6 + 1.5 * $0 / 2e9 }
        let model = AllReduceCostModel.fit(bytes: bytes, seconds: seconds, ranks: 4)
        #expect(abs(model.latency - 3e-6) / 3e-6 < 1e-6)
        #expect(abs(model.bandwidth - 2e9) / 2e9 < 1e-6)
    }
}
