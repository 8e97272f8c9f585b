import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from '../app.module';
import type { AppConfig } from '../config/app-config';
import { installBodyParsing } from './body-parsing';
import { ErrorResponseFilter } from './domain-exception.filter';

export const API_PREFIX = 'api/v1';

/**
 * Builds the whole HTTP application for a configuration: the same function serves `npm start`,
 * the e2e tests and the demo loader, so the tests exercise what users run.
 */
export async function createApp(config: AppConfig, options: { logger?: false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    ...(options.logger === false ? { logger: false } : {}),
  });
  installBodyParsing(app, config.bodyLimit);
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalFilters(new ErrorResponseFilter());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      validationError: { target: false, value: false },
    }),
  );
  app.enableShutdownHooks();
  const openApi = new DocumentBuilder()
    .setTitle('Mesas Ejecutivas')
    .setDescription('Event-sourced record of the Mesas Ejecutivas: commands, matrix, public history, analytics.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi));
  return app;
}
