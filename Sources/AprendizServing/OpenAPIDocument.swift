/// The OpenAPI 3.1 document of `aprendiz-serve`'s routes, served at `GET /openapi.yaml`
/// (`curl localhost:8080/openapi.yaml` saves it for client generators or schemathesis).
public enum OpenAPIDocument {
    /// The YAML text.
    public static let yaml = """
openapi: 3.1.0
info:
  title: aprendiz-serve
  version: 0.1.0
  description: >
    Saved Aprendiz models (files from `aprendiz train --save`) behind a JSON HTTP API.
    Every error is a 4xx/5xx status with one JSON line {"error": "..."}.
paths:
  /v1/models/{name}/predict:
    post:
      summary: Predict for one or more rows.
      parameters:
        - {name: name, in: path, required: true, schema: {type: string}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/PredictionRequest'}
      responses:
        '200':
          description: One entry per input row.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/PredictionResponse'}
        '400': {$ref: '#/components/responses/Error'}
        '404': {$ref: '#/components/responses/Error'}
        '413': {$ref: '#/components/responses/Error'}
        '422': {$ref: '#/components/responses/Error'}
  /v1/models/{name}/reload:
    post:
      summary: Read the model's file again and serve it from the next batch on (SIGHUP reloads every model).
      description: >
        A file that does not load, or a model of another input shape, task or class count, is refused (422)
        and the previous model keeps serving.
      parameters:
        - {name: name, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: The model now served.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/ModelSummary'}
        '404': {$ref: '#/components/responses/Error'}
        '422': {$ref: '#/components/responses/Error'}
  /v1/models:
    get:
      summary: The loaded models.
      responses:
        '200':
          description: The models, in the order of the --model options.
          content:
            application/json:
              schema:
                type: object
                required: [models]
                properties:
                  models: {type: array, items: {$ref: '#/components/schemas/ModelSummary'}}
  /health:
    get:
      summary: 200 while the process serves.
      responses:
        '200': {$ref: '#/components/responses/Status'}
  /ready:
    get:
      summary: 200 once every model has run a warm-up forward pass, 503 before.
      responses:
        '200': {$ref: '#/components/responses/Status'}
        '503': {$ref: '#/components/responses/Status'}
  /metrics:
    get:
      summary: Prometheus text exposition (requests, errors, latency and batch-size histograms).
      responses:
        '200':
          description: Prometheus text format 0.0.4.
          content:
            text/plain: {schema: {type: string}}
  /openapi.yaml:
    get:
      summary: This document.
      responses:
        '200':
          description: OpenAPI 3.1 YAML.
          content:
            application/yaml: {schema: {type: string}}
components:
  schemas:
    PredictionRequest:
      type: object
      required: [inputs]
      properties:
        inputs:
          description: One row per example, each with the product of the model's inputShape values (raw features; the server standardises them).
          type: array
          minItems: 1
          items: {type: array, items: {type: number}}
    PredictionResponse:
      type: object
      required: [model, task, predictions]
      properties:
        model: {type: string}
        task: {type: string, enum: [classification, regression]}
        predictions:
          description: Predicted class indices (classification) or outputs (regression).
          type: array
          items: {type: number}
        labels:
          description: The predicted classes as the training target wrote them (name, original value, else index).
          type: array
          items: {type: string}
        probabilities: {type: array, items: {type: array, items: {type: number}}}
    ModelSummary:
      type: object
      required: [name, task, inputShape, classes, features, dataset, architecture, file, fileSize, sha256, loadedAt]
      properties:
        name: {type: string}
        task: {type: string, enum: [classification, regression]}
        inputShape: {type: array, items: {type: integer}}
        classes: {type: integer}
        features: {type: array, items: {type: string}}
        dataset: {type: string}
        architecture: {type: string}
        file: {type: string}
        fileSize: {type: integer}
        sha256: {type: string, description: SHA-256 of the file as loaded, hex (as sha256sum prints it)}
        loadedAt: {type: string, format: date-time}
    Error:
      type: object
      required: [error]
      properties:
        error: {type: string}
  responses:
    Error:
      description: The request's problem, in one line.
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Error'}
    Status:
      description: The server's state.
      content:
        application/json:
          schema:
            type: object
            properties:
              status: {type: string}
"""
}
