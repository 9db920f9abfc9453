import Aprendiz
import AprendizTestSupport
import Testing

@Suite struct TransformerTests {
    /// Reference: scikit-learn PolynomialFeatures, OneHotEncoder, SimpleImputer (Tools/fixtures/generate_classic.py).
    @Test func polynomialFeaturesMatchScikitLearn() throws {
        let fixture = try JSONFixture("classic_selection.json"), x = fixture["polynomial_input"].tensor
        expectClose(try PolynomialFeatures(degree: 3).fit(x).transform(x), fixture["polynomial_degree3"].tensor)
        expectClose(try PolynomialFeatures(degree: 2, interactionOnly: true, includeBias: false).fit(x).transform(x),
                    fixture["polynomial_interaction"].tensor)
    }

    @Test func oneHotEncoderMatchesScikitLearnAndInverts() throws {
        let fixture = try JSONFixture("classic_selection.json"), x = fixture["onehot_input"].tensor
        let encoding = try OneHotEncoder().fit(x)
        expectClose(encoding.transform(x), fixture["onehot"].tensor)
        #expect(encoding.inverseTransform(encoding.transform(x)) == x)
        #expect(encoding.transform(Tensor([[2, 7]])).scalars == [0, 0, 0, 0, 1])  // unknown 2 → zeros
    }

    @Test(arguments: [("mean", SimpleImputer.Strategy.mean), ("median", .median), ("most_frequent", .mostFrequent)])
    func imputerMatchesScikitLearn(name: String, strategy: SimpleImputer.Strategy) throws {
        let fixture = try JSONFixture("classic_selection.json")
        let x = Tensor(shape: fixture["imputer_input"]["shape"].array.map(\.int),
                       scalars: fixture["imputer_input"]["data"].array.map { $0.isNull ? .nan : $0.float })
        expectClose(try SimpleImputer(strategy: strategy).fit(x).transform(x), fixture["imputer_\(name)"].tensor)
    }

    /// The data module's Standardizer under the contract: fit, transform, inverse.
    @Test func scalersAreInvertibleTransforms() throws {
        let x = Tensor([[1, 10], [2, 10], [4, 13]])
        let standardizer = try StandardScaling().fit(x)
        expectClose(standardizer.transform(x).mean(axis: 0), Tensor([0, 0]), absolute: 1e-6)
        expectClose(standardizer.inverseTransform(standardizer.transform(x)), x)
        let scaler = try MinMaxScaling(range: -1...1).fit(x)
        expectClose(scaler.transform(x).min(axis: 0), Tensor([-1, -1]))
        #expect(throws: ClassicError.self) { try MinMaxScaling(range: 1...1) }
    }
}
