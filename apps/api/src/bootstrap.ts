import 'reflect-metadata';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { json, raw } from 'express';
import { Logger } from 'nestjs-pino';
import { MAX_ATTACHMENT_BYTES } from '@parley/persistence';
import { QuietStartupLogger, type ParleyConfig } from '@parley/runtime';
import { AppModule } from './app.module';
import { answerClientErrorsAsJson } from './http/client-errors';
import { ParleyExpressAdapter } from './http/express-adapter';
import { validationExceptionFactory } from './http/error-messages';
import { securityHeaders } from './http/security-headers';
import { requireJsonBodies, refuseDeepJson } from './http/request-body';
import { TextSafetyPipe } from './http/text-safety.pipe';
import { RedisIoAdapter } from './realtime/redis-io.adapter';
import { WebhookIntake } from './webhooks/webhook-intake.service';
import { serveWebhooksFirst } from './webhooks/webhook-lane';

/** Builds the api app (used by main.ts and by the integration tests). */
export async function createApp(config: ParleyConfig): Promise<NestExpressApplication> {
  // forceCloseConnections: the HTTP server closes last, after the queue and the database; a connection
  // still open then (a keep-alive client, a request that can no longer finish) is cut, not waited for.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), new ParleyExpressAdapter(), { bufferLogs: true, bodyParser: false, rawBody: true, forceCloseConnections: true });
  app.useLogger(new QuietStartupLogger(app.get(Logger)));
  serveWebhooksFirst(app.getHttpServer(), app.get(WebhookIntake), config.bodyLimit);
  answerClientErrorsAsJson(app.getHttpServer());
  app.use(...securityHeaders(config.publicUrl));
  // Uploads are raw bytes with their own, larger limit; everything else is small JSON or forms.
  // Compressed bodies are refused (415) rather than inflated: no client of ours sends them, and a
  // gzip header over bytes that are not gzip was a 500. JSON depth is capped before parsing.
  app.use('/api/attachments', raw({ type: () => true, limit: MAX_ATTACHMENT_BYTES, inflate: false }));
  app.use('/api', requireJsonBodies);
  // express's json() directly: Nest's useBodyParser replaces `verify` with its rawBody hook.
  app.use(json({ limit: config.bodyLimit, inflate: false, verify: refuseDeepJson }));
  app.useBodyParser('urlencoded', { limit: config.bodyLimit, extended: false, inflate: false });
  // Only a configured proxy may say who the client is: trusting any X-Forwarded-For let every
  // sign-in guess claim a fresh address.
  app.set('trust proxy', config.trustedProxies.length ? config.trustedProxies : false);
  app.use('/api/auth', cookieParser());
  app.disable('x-powered-by');
  app.useGlobalPipes(new TextSafetyPipe(), new ValidationPipe({
    whitelist: true, forbidNonWhitelisted: true, transform: true,
    // The target lets the factory read each constraint's arguments (the 200 of @MaxLength(200)) for the translated texts.
    validationError: { target: true }, exceptionFactory: validationExceptionFactory,
  }));
  if (config.redisUrl) app.useWebSocketAdapter(new RedisIoAdapter(app, config.redisUrl));
  app.enableShutdownHooks();

  const doc = new DocumentBuilder()
    .setTitle('Parley API')
    .setDescription('Omnichannel support inbox with a CRM timeline. See CONTRACT.md for sockets and webhooks.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
