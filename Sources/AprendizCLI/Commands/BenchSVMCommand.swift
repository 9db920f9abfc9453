import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz bench svm`: seconds to fit SVC (chapter 14) on digits (all 1 797 rows, SVC() defaults) and on
/// the first `--fashion-rows` Fashion-MNIST training images, standardised per pixel as the Fashion-MNIST
/// paper's runner does, with SVC(C=10, rbf, γ=scale); `Benchmarks/sklearn_svm.py` times scikit-learn's SVC
/// (single-threaded libsvm) on the same data. Wall seconds, then the process's CPU seconds, per fit, and (without
/// `--json`) each fit's support-vector count;
/// `--probability` adds the Platt sigmoids (`SVC(probability=True)` on scikit-learn's side). `--score` then
/// predicts the 10 000 Fashion-MNIST test images, standardised with the training rows' statistics, and prints the
/// test accuracy (`Benchmarks/sklearn_svm_full.py` for scikit-learn's).
struct BenchSVMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "svm",
        abstract: "Seconds to fit SVC on digits and on a Fashion-MNIST subset (compare Benchmarks/sklearn_svm.py)."
    )

    @OptionGroup var options: BenchOptions

    @Option(help: "Fashion-MNIST training images to fit on (0 skips Fashion-MNIST).")
    var fashionRows = 2000

    @Flag(help: "Fit with probability estimates (Platt's sigmoid on 5-fold cross-validated decision values per pair).")
    var probability = false

    @Flag(help: "Print the Fashion-MNIST fit's accuracy on the 10 000 test images (standardised with the training rows' statistics).")
    var score = false

    func run() throws {
        try options.apply()
        guard fashionRows >= 0 else { throw ValidationError("--fashion-rows must be ≥ 0") }
        let digits = try BundledDataset.digits.load()
        let name = probability ? "svc-probability" : "svc"
        var workloads: [(String, Tensor, Tensor, SVC)] = [("\(name) digits", digits.inputs, digits.targets.reshaped([-1]),
                                                           try SVC(probability: probability))]
        var test: (x: Tensor, y: Tensor)?
        if fashionRows > 0 {
            let train = try ImageDataset.fashionMNIST.load(.train)
            let n = min(fashionRows, train.inputs.shape[0])
            let x = train.inputs.reshaped([train.inputs.shape[0], -1]).slice(axis: 0, 0..<n)
            let scaler = try StandardScaling().fit(x)
            let standardized = try scaler.transform(x)
            if score {
                let images = try ImageDataset.fashionMNIST.load(.test)
                test = (try scaler.transform(images.inputs.reshaped([images.inputs.shape[0], -1])), images.targets.reshaped([-1]))
            }
            workloads.append(("\(name) fashion-\(n)", standardized, train.targets.reshaped([-1]).slice(axis: 0, 0..<n), try SVC(c: 10, probability: probability)))
        }
        // The support-vector count of each fit, to compare with the script's `n_SV` (the same solver gives the same).
        var fits = [String: SVCModel]()
        try BenchClassicCommand.timeFits(workloads.map { name, x, y, svc in
            (name, { fits[name] = try svc.fit(x, y) })
        }, json: options.json)
        if !options.json {
            for (name, _, _, _) in workloads { print("\(name): \(fits[name]?.supportIndices.count ?? 0) support vectors") }
        }
        if let test, let (name, _, _, _) = workloads.last, let model = fits[name] {
            let predicted = model.predict(test.x).scalars, truth = test.y.scalars
            let correct = zip(predicted, truth).filter { $0 == $1 }.count
            print(String(format: "\(name): test accuracy %.4f (%d of %d test images)", Double(correct) / Double(truth.count), correct, truth.count))
        }
    }
}
