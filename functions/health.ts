import { app } from '@azure/functions';
import { healthHandler } from '../src/http/health';
import { handlerEnv } from '../src/wiring/handler-env';

app.http('Health', { route: 'health', methods: ['GET'], authLevel: 'anonymous', handler: healthHandler(handlerEnv) });
