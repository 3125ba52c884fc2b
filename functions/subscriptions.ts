import { app } from '@azure/functions';
import { subscriptionHandlers } from '../src/http/subscriptions';
import { handlerEnv } from '../src/wiring/handler-env';

const subscriptions = subscriptionHandlers(handlerEnv);

app.http('CreateSubscription', { route: 'subscriptions', methods: ['POST'], authLevel: 'anonymous', handler: subscriptions.create });
app.http('ListSubscriptions', { route: 'subscriptions', methods: ['GET'], authLevel: 'anonymous', handler: subscriptions.list });
app.http('DeleteSubscription', { route: 'subscriptions/{subscriptionId}', methods: ['DELETE'], authLevel: 'anonymous', handler: subscriptions.remove });
