import AprendizTensor
import AprendizTestSupport
import Testing

@Suite struct CreationTests {
    @Test func copyOnWriteKeepsValueSemantics() {
        let a = Tensor([1, 2, 3])
        var b = a
        #expect(b.sharesStorage(with: a))
        b[1] = 20
        #expect(!b.sharesStorage(with: a))
        #expect(a == Tensor([1, 2, 3]) && b == Tensor([1, 20, 3]))
    }
}
