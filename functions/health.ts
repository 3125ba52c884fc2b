import { app } from '@azure/functions';
import { health } from '../src/http/health';

app.http('Health', { route: 'health', methods: ['GET'], authLevel: 'anonymous', handler: health });
