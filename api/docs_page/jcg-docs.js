// Starts Swagger UI on the registry's OpenAPI document. A file, not an inline script, so that
// the page's Content-Security-Policy can refuse every inline script.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/api/v1/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    layout: "StandaloneLayout",
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    // Swagger UI would otherwise send the document to an outside validator.
    validatorUrl: null
  });
});
