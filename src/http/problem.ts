import type { HttpResponseInit } from '@azure/functions';

export interface FieldError { path: string; message: string }

/** An RFC 9457 problem response (`application/problem+json`). */
export function problem(status: number, title: string, detail: string, errors?: FieldError[]): HttpResponseInit {
  return {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8' },
    jsonBody: { type: 'about:blank', title, status, detail, ...(errors ? { errors } : {}) },
  };
}
