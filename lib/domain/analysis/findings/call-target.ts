// What a call asks for, so that repeated calls can be told apart from different calls that share a generic
// span name (HTTP instrumentations name client spans `POST`, database ones `SELECT`): the URL without its
// query (url.full, http.url), else the route or path (http.route, url.path, http.target), the RPC method
// (rpc.service/rpc.method), the statement (db.statement, db.query.text) or the queue
// (messaging.destination.name); else the span name. Retry storms and N+1 queries group calls by this.
import { stringAttribute, type Attributes } from '../../model/any-value';

const URL_KEYS = ['url.full', 'http.url'];
const PATH_KEYS = ['http.route', 'url.path', 'http.target'];
const STATEMENT_KEYS = ['db.statement', 'db.query.text'];

export function callTarget(name: string, attributes: Attributes | undefined): string {
  if (!attributes) return name;
  for (const key of URL_KEYS) {
    const url = stringAttribute(attributes, key);
    if (url) return withoutQuery(url);
  }
  for (const key of PATH_KEYS) {
    const path = stringAttribute(attributes, key);
    if (path) return withoutQuery(path);
  }
  const method = stringAttribute(attributes, 'rpc.method');
  if (method) return `${stringAttribute(attributes, 'rpc.service') ?? ''}/${method}`;
  for (const key of STATEMENT_KEYS) {
    const statement = stringAttribute(attributes, key);
    if (statement) return statement;
  }
  return stringAttribute(attributes, 'messaging.destination.name') ?? name;
}

function withoutQuery(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}
