import { app } from '@azure/functions';
import { replyHandlers } from '../src/http/replies';
import { handlerEnv } from '../src/wiring/handler-env';

const replies = replyHandlers(handlerEnv);

app.http('ListReplies', { route: 'replies', methods: ['GET'], authLevel: 'anonymous', handler: replies.list });
