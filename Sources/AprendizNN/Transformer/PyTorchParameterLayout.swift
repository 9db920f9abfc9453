import AprendizAutodiff
import AprendizTensor

/// One parameter under its PyTorch `state_dict` name.
public struct PyTorchParameter {
    /// The PyTorch name (`self_attn.in_proj_weight`).
    public let name: String
    /// Our variable.
    public let variable: Variable
    /// Whether PyTorch stores the transpose (`nn.Linear`'s `[out, in]` against ``Dense``'s `[in, out]`).
    public let transposed: Bool
}

/// A module whose parameters map one-to-one onto a PyTorch module's `state_dict`, so trained weights
/// can be copied across (and the reference tests load PyTorch's weights).
public protocol PyTorchParameterLayout: Module {
    /// Every parameter under its PyTorch name.
    var pytorchParameters: [PyTorchParameter] { get }
}

/// A PyTorch `state_dict` that does not fit a module.
public enum PyTorchImportError: Error, CustomStringConvertible, Equatable {
    /// The state dict has no tensor named `name`.
    case missing(name: String)
    /// The tensor `name` has the wrong shape (after transposing where PyTorch stores the transpose).
    case shapeMismatch(name: String, expected: [Int], actual: [Int])

    public var description: String {
        switch self {
        case .missing(let name): "PyTorch state dict has no tensor '\(name)'"
        case .shapeMismatch(let name, let expected, let actual):
            "PyTorch tensor '\(name)' has shape \(actual), expected \(expected)"
        }
    }
}

extension PyTorchParameterLayout {
    /// Copies a PyTorch `state_dict` (name → tensor, as stored by PyTorch) into the parameters.
    /// - Throws: ``PyTorchImportError`` naming the first missing or mis-shaped tensor.
    public func loadPyTorchParameters(_ stateDict: [String: Tensor]) throws {
        for parameter in pytorchParameters {
            guard let tensor = stateDict[parameter.name] else { throw PyTorchImportError.missing(name: parameter.name) }
            let value = parameter.transposed ? tensor.transposed() : tensor
            guard value.shape == parameter.variable.shape else {
                throw PyTorchImportError.shapeMismatch(name: parameter.name, expected: parameter.variable.shape,
                                                       actual: tensor.shape)
            }
            parameter.variable.value = value
        }
    }
}

/// `prefix.weight` (transposed) and `prefix.bias` of a ``Dense`` in PyTorch's `nn.Linear` layout.
func pytorchLinear(_ prefix: String, _ dense: Dense) -> [PyTorchParameter] {
    [PyTorchParameter(name: "\(prefix).weight", variable: dense.weight, transposed: true)]
        + (dense.bias.map { [PyTorchParameter(name: "\(prefix).bias", variable: $0, transposed: false)] } ?? [])
}

/// `prefix.weight` and `prefix.bias` of a ``LayerNorm``.
func pytorchLayerNorm(_ prefix: String, _ norm: LayerNorm) -> [PyTorchParameter] {
    [norm.weight.map { PyTorchParameter(name: "\(prefix).weight", variable: $0, transposed: false) },
     norm.bias.map { PyTorchParameter(name: "\(prefix).bias", variable: $0, transposed: false) }].compactMap { $0 }
}

/// Prefixes every name with `prefix.`.
func prefixed(_ prefix: String, _ parameters: [PyTorchParameter]) -> [PyTorchParameter] {
    parameters.map { PyTorchParameter(name: "\(prefix).\($0.name)", variable: $0.variable, transposed: $0.transposed) }
}

extension MultiHeadAttention: PyTorchParameterLayout {
    /// `in_proj_weight`, `in_proj_bias`, `out_proj.weight`, `out_proj.bias`.
    public var pytorchParameters: [PyTorchParameter] {
        [PyTorchParameter(name: "in_proj_weight", variable: inProjectionWeight, transposed: false)]
            + (inProjectionBias.map { [PyTorchParameter(name: "in_proj_bias", variable: $0, transposed: false)] } ?? [])
            + pytorchLinear("out_proj", outProjection)
    }
}

extension TransformerEncoderLayer: PyTorchParameterLayout {
    /// `nn.TransformerEncoderLayer`'s names.
    public var pytorchParameters: [PyTorchParameter] {
        prefixed("self_attn", selfAttention.pytorchParameters) + pytorchLinear("linear1", linear1)
            + pytorchLinear("linear2", linear2) + pytorchLayerNorm("norm1", norm1) + pytorchLayerNorm("norm2", norm2)
    }
}

extension TransformerDecoderLayer: PyTorchParameterLayout {
    /// `nn.TransformerDecoderLayer`'s names.
    public var pytorchParameters: [PyTorchParameter] {
        prefixed("self_attn", selfAttention.pytorchParameters) + prefixed("multihead_attn", crossAttention.pytorchParameters)
            + pytorchLinear("linear1", linear1) + pytorchLinear("linear2", linear2)
            + pytorchLayerNorm("norm1", norm1) + pytorchLayerNorm("norm2", norm2) + pytorchLayerNorm("norm3", norm3)
    }
}

extension GPT: PyTorchParameterLayout {
    /// `tokens.weight`, `positions.weight`, `blocks.<i>.…` (`nn.TransformerEncoderLayer`), `norm.*`, and
    /// `head.*` when untied (the model of `Tools/fixtures/generate_transformer.py`).
    public var pytorchParameters: [PyTorchParameter] {
        [PyTorchParameter(name: "tokens.weight", variable: tokenEmbedding.weight, transposed: false),
         PyTorchParameter(name: "positions.weight", variable: positionEmbedding.weight, transposed: false)]
            + blocks.enumerated().flatMap { prefixed("blocks.\($0.offset)", $0.element.pytorchParameters) }
            + pytorchLayerNorm("norm", finalNorm) + (head.map { pytorchLinear("head", $0) } ?? [])
    }
}

extension EncoderDecoderTransformer: PyTorchParameterLayout {
    /// `source_embedding.weight`, `target_embedding.weight` (when separate), `transformer.*` as
    /// `nn.Transformer(batch_first=True)` (`encoder.layers.<i>`, `encoder.norm`, `decoder.layers.<i>`,
    /// `decoder.norm`) and `head.*` when untied (the model of `Tools/fixtures/generate_transformer.py`).
    public var pytorchParameters: [PyTorchParameter] {
        [PyTorchParameter(name: "source_embedding.weight", variable: sourceEmbedding.weight, transposed: false)]
            + (separateTargetEmbedding.map {
                [PyTorchParameter(name: "target_embedding.weight", variable: $0.weight, transposed: false)]
            } ?? [])
            + encoderLayers.enumerated().flatMap {
                prefixed("transformer.encoder.layers.\($0.offset)", $0.element.pytorchParameters)
            }
            + pytorchLayerNorm("transformer.encoder.norm", encoderNorm)
            + decoderLayers.enumerated().flatMap {
                prefixed("transformer.decoder.layers.\($0.offset)", $0.element.pytorchParameters)
            }
            + pytorchLayerNorm("transformer.decoder.norm", decoderNorm) + (head.map { pytorchLinear("head", $0) } ?? [])
    }
}

extension BERT: PyTorchParameterLayout {
    /// `tokens.weight`, `positions.weight`, `embedding_norm.*`, `blocks.<i>.…` (`nn.TransformerEncoderLayer`),
    /// `mlm_transform.*`, `mlm_norm.*`, `mlm_bias`, and `pooler.*`, `classifier.*` with classes (the model of
    /// `Tools/fixtures/generate_transformer.py`).
    public var pytorchParameters: [PyTorchParameter] {
        [PyTorchParameter(name: "tokens.weight", variable: tokenEmbedding.weight, transposed: false),
         PyTorchParameter(name: "positions.weight", variable: positionEmbedding.weight, transposed: false)]
            + pytorchLayerNorm("embedding_norm", embeddingNorm)
            + blocks.enumerated().flatMap { prefixed("blocks.\($0.offset)", $0.element.pytorchParameters) }
            + pytorchLinear("mlm_transform", maskedLanguageModelTransform) + pytorchLayerNorm("mlm_norm", maskedLanguageModelNorm)
            + [PyTorchParameter(name: "mlm_bias", variable: maskedLanguageModelBias, transposed: false)]
            + (pooler.map { pytorchLinear("pooler", $0) } ?? []) + (classifier.map { pytorchLinear("classifier", $0) } ?? [])
    }
}

extension VisionTransformer: PyTorchParameterLayout {
    /// `patch_embedding.*` (the `nn.Conv2d` kernel `[D, C, P, P]` flattened to `nn.Linear`'s `[D, C·P²]`),
    /// `cls_token`, `positions.weight`, `blocks.<i>.…` (`nn.TransformerEncoderLayer`), `norm.*` and `head.*`
    /// (the model of `Tools/fixtures/generate_vit.py`).
    public var pytorchParameters: [PyTorchParameter] {
        pytorchLinear("patch_embedding", patchEmbedding)
            + [PyTorchParameter(name: "cls_token", variable: classToken, transposed: false),
               PyTorchParameter(name: "positions.weight", variable: positionEmbedding.weight, transposed: false)]
            + blocks.enumerated().flatMap { prefixed("blocks.\($0.offset)", $0.element.pytorchParameters) }
            + pytorchLayerNorm("norm", finalNorm) + pytorchLinear("head", head)
    }
}
