import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ERROR_RESPONSE_SCHEMA } from './openapi-shapes';

/**
 * The OpenAPI 3 description of the HTTP API, generated from the controllers' decorators: served
 * at `/docs` (`/docs-json`) and written by `bin/contracts.js` for `npm run lint:contracts`.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Mesas Ejecutivas')
    .setDescription(
      'Event-sourced record of the Mesas Ejecutivas: commands, matrix, public history, analytics. ' +
        'Every event is also published to Kafka (`mesas.events.v1`), described in AsyncAPI 3.0 at `/asyncapi.json`.',
    )
    .setVersion('1')
    .setLicense('UNLICENSED', 'https://spdx.org/licenses/')
    .addServer('/', 'this server')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  // A route without a bearer guard is public: say so explicitly (`security: []`) rather than
  // leaving a reader to guess whether the bearer scheme applies.
  for (const path of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = path[method];
      if (operation && operation.security === undefined) operation.security = [];
    }
  }
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ErrorResponse: ERROR_RESPONSE_SCHEMA },
  };
  return document;
}
