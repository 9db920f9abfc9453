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
      description: >
        The rows, raw as in the training table (the server applies the model's recorded preprocessing: a table's
        one-hot encoding and imputation, then the standardisation). Send exactly one of inputs and rows.
      type: object
      properties:
        inputs:
          description: >
            One list per example: the model's inputShape product of numbers (features in training order; an image's
            pixels row-major), or, for a model trained on a table with text or missing cells, its source columns in
            the order GET /v1/models lists as columns (numbers, category texts, null for a missing cell).
          type: array
          minItems: 1
          items: {type: array, items: {$ref: '#/components/schemas/Cell'}}
        rows:
          description: >
            One object per example, keyed by column name (GET /v1/models lists columns); other keys are ignored.
            A missing column is a 400 naming it; text in a numeric column is a 400 naming the cell.
          type: array
          minItems: 1
          items: {type: object, additionalProperties: {$ref: '#/components/schemas/Cell'}}
      oneOf:
        - {required: [inputs]}
        - {required: [rows]}
    Cell:
      description: >
        A number; a category as text (a table model's categorical column; an unseen category encodes as all
        zeros); or null, a missing cell, filled with the training statistic (400 when training recorded none).
      oneOf:
        - {type: number}
        - {type: string}
        - {type: 'null'}
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
      required: [name, task, inputShape, classes, features, columns, dataset, architecture, file, fileSize, sha256, loadedAt]
      properties:
        name: {type: string}
        task: {type: string, enum: [classification, regression]}
        inputShape: {type: array, items: {type: integer}}
        classes: {type: integer}
        features: {type: array, items: {type: string}, description: The model's input features in order (a table's one-hot indicators as column=category)}
        columns: {type: array, items: {type: string}, description: 'The columns rows objects hold (a table model: its source columns, before one-hot encoding)'}
        dataset: {type: string}
        architecture: {type: string, description: 'The --model name: a network (mlp, convnet, …) or a classic model (logistic-regression, random-forest, …)'}
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
