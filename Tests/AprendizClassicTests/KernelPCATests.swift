import Aprendiz
import AprendizTestSupport
import Testing

/// KernelPCA against scikit-learn 1.9's `KernelPCA(3, kernel=…)` on iris (`Tools/fixtures/
/// generate_decomposition_clustering.py`, key `kernel_pca`): eigenvalues, the embedding and the transform
/// of new rows, each component up to sign.
@Suite struct KernelPCATests {
    let fixture: JSONFixture

    init() throws { fixture = try JSONFixture("decomposition_clustering.json")["kernel_pca"] }

    /// `ours` equals `theirs` (both `[n, c]`) column by column, each column up to one sign.
    func expectEqualUpToSign(_ ours: Tensor, _ theirs: Tensor, _ name: String) {
        #expect(ours.shape == theirs.shape, "\(name) shape")
        let (n, c) = (theirs.shape[0], theirs.shape[1])
        let scale = theirs.scalars.map { abs(Double($0)) }.max()!
        for j in 0..<c {
            let largest = (0..<n).max { abs(theirs.scalars[$0 * c + j]) < abs(theirs.scalars[$1 * c + j]) }!
            let sign: Float = (ours.scalars[largest * c + j] < 0) == (theirs.scalars[largest * c + j] < 0) ? 1 : -1
            for i in 0..<n {
                expectNear(Double(sign * ours.scalars[i * c + j]), Double(theirs.scalars[i * c + j]), relative: 1e-4,
                           absolute: 1e-5 * scale, "\(name) [\(i), \(j)]")
            }
        }
    }

    @Test(arguments: KernelPCA.KernelFunction.allCases)
    func kernelPCAOnIrisIsScikitLearns(kernel: KernelPCA.KernelFunction) throws {
        let (iris, _) = try bundled(.iris)
        let reference = fixture[kernel.rawValue]
        let model = try KernelPCA(componentCount: 3, kernel: kernel).fit(iris)
        for (j, (ours, theirs)) in zip(model.eigenvalues, reference["eigenvalues"]["data"].array).enumerated() {
            expectNear(ours, Double(theirs.float), relative: 1e-5, "\(kernel) eigenvalue \(j)")
        }
        expectEqualUpToSign(model.embedding, reference["embedding"].tensor, "\(kernel) embedding")
        expectEqualUpToSign(model.transform(fixture["shifted"].tensor), reference["transform"].tensor, "\(kernel) transform")
        expectEqualUpToSign(model.transform(iris), reference["embedding"].tensor, "\(kernel) transform of the training rows")
    }

    @Test func badSettingsAreNamed() throws {
        #expect(throws: ClassicError.self) { try KernelPCA(componentCount: 0) }
        #expect(throws: ClassicError.self) { try KernelPCA(kernel: .rbf, gamma: -1) }
        #expect(throws: ClassicError.self) { try KernelPCA(componentCount: 5).fit(Tensor(shape: [3, 2], scalars: [0, 1, 2, 3, 4, 5])) }
    }
}
