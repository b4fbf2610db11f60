// Renders the gateway's OpenAPI document (/openapi) with Swagger UI, served by the gateway itself.
(function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: new URL(root.getAttribute("data-spec"), document.baseURI).href + "?format=JSON",
    domNode: root,
    deepLinking: true,
    docExpansion: "list",
    defaultModelsExpandDepth: 0,
    validatorUrl: null,
    tryItOutEnabled: false
  });
})();
