import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { RECONCILE_SCHEDULE, reconcileTimer } from '../src/triggers/reconcile-timer';
import { handlerEnv } from '../src/wiring/handler-env';

app.timer('ReconcileMeetings', { schedule: RECONCILE_SCHEDULE, extraInputs: [df.input.durableClient()], handler: reconcileTimer(handlerEnv) });
