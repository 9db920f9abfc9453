import Hummingbird

/// Times every request for ``ServingMetrics`` and turns every error into a one-line JSON answer:
/// ``ServingError`` keeps its status and message; a framework error (no such route: 404, wrong
/// method: 405) keeps its status with the status's reason; anything else is a 500 that names nothing.
struct ServingMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServingMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as ServingError {
            response = ServingError.jsonResponse(status: error.status, message: error.message)
        } catch let error as any HTTPResponseError {
            let message = error.status == .notFound ? "no route \(request.method) \(request.uri.path)"
                : error.status == .contentTooLarge ? "the body is over the size limit" : error.status.reasonPhrase
            response = ServingError.jsonResponse(status: error.status, message: message)
        } catch {
            context.logger.error("request failed: \(error)")
            response = ServingError.jsonResponse(status: .internalServerError, message: "internal error")
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        metrics.recordRequest(route: context.endpointPath ?? "unmatched", status: Int(response.status.code), seconds: seconds)
        return response
    }
}
