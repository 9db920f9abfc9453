extension ImageDataset {
    /// The name of each class, indexed by label (Fashion-MNIST: Xiao, Rasul & Vollgraf 2017, the data set's
    /// README; MNIST: the digits).
    public var classNames: [String] {
        switch self {
        case .mnist: (0...9).map { "\($0)" }
        case .fashionMNIST: ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
        }
    }
}
