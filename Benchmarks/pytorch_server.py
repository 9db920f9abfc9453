"""Reference server for the aprendiz-serve load test: FastAPI + PyTorch (CPU) serving the same model file.

    APRENDIZ_MODEL=model.safetensors uvicorn --app-dir Benchmarks pytorch_server:app --port 18081 --workers 1

Reads an `aprendiz train --save` file of an MLP (Sequential of Flatten, Dense, ReLU/Sigmoid/Tanh): the weights
with the `safetensors` package (Dense weights are [inputs, outputs]: nn.Linear takes the transpose), the
architecture and the standardisation (μ, σ) from the file's metadata. Same API as aprendiz-serve:
POST /v1/models/{name}/predict with {"inputs": [[...], ...]} -> predictions, labels, probabilities.
"""
import json
import os

import torch
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel
from safetensors import safe_open

torch.set_num_threads(int(os.environ.get("TORCH_THREADS", "1")))
ACTIVATIONS = {"ReLU": torch.nn.ReLU, "Sigmoid": torch.nn.Sigmoid, "Tanh": torch.nn.Tanh}


def load(path):
    with safe_open(path, framework="pt") as f:
        metadata = f.metadata()
        tensors = {key: f.get_tensor(key) for key in f.keys() if not key.startswith("optimizer.")}
    architecture = json.loads(metadata["aprendiz.architecture"])
    preprocessing = json.loads(metadata["aprendiz.preprocessing"])
    layers = []
    for index, layer in enumerate(architecture["layers"]):
        kind = layer["type"]
        if kind == "Flatten":
            layers.append(torch.nn.Flatten())
        elif kind == "Dense":
            options = layer["options"]
            linear = torch.nn.Linear(options["inputs"], options["outputs"], bias=options.get("useBias", True))
            with torch.no_grad():
                linear.weight.copy_(tensors[f"layers.{index}.weight"].T)
                if linear.bias is not None:
                    linear.bias.copy_(tensors[f"layers.{index}.bias"])
            layers.append(linear)
        elif kind in ACTIVATIONS:
            layers.append(ACTIVATIONS[kind]())
        else:
            raise SystemExit(f"{path}: layer type {kind} is not supported by this reference server (MLPs only)")
    network = torch.nn.Sequential(*layers).eval()
    mean = preprocessing.get("mean")
    std = preprocessing.get("standardDeviation")
    return network, preprocessing, (torch.tensor(mean) if mean else None), (torch.tensor(std) if std else None)


NAME = os.environ.get("APRENDIZ_NAME", "m")
NETWORK, PREPROCESSING, MEAN, STD = load(os.environ["APRENDIZ_MODEL"])
WIDTH = 1
for size in PREPROCESSING["inputShape"]:
    WIDTH *= size
app = FastAPI()


class PredictionRequest(BaseModel):
    inputs: list[list[float]]


@app.post("/v1/models/{name}/predict")
def predict(name: str, request: PredictionRequest):
    if name != NAME:
        raise HTTPException(404, f"no model named '{name}'")
    if not request.inputs or any(len(row) != WIDTH for row in request.inputs):
        raise HTTPException(422, f"each row needs {WIDTH} values")
    x = torch.tensor(request.inputs, dtype=torch.float32)
    if MEAN is not None:
        x = (x - MEAN) / STD
    with torch.no_grad():
        outputs = NETWORK(x)
    if PREPROCESSING["task"] != "classification":
        return {"model": name, "task": "regression", "predictions": outputs.flatten().tolist()}
    probabilities = torch.softmax(outputs, dim=1)
    predicted = outputs.argmax(dim=1).tolist()
    return {"model": name, "task": "classification", "predictions": predicted,
            "labels": [str(c) for c in predicted], "probabilities": probabilities.tolist()}


@app.get("/health")
def health():
    return {"status": "ok"}
