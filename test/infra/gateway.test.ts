import { beforeAll, describe, expect, it } from 'vitest';
import { logicalId, synthOuvidor } from './ouvidor-app.fixture.js';
import type { OuvidorTemplates } from './ouvidor-app.fixture.js';
import { PUBLIC_ROUTE_KEYS, PUBLIC_ROUTE_THROTTLE } from '../../infra/service.stack.js';

let t: OuvidorTemplates;
let routes: Array<{ id: string; key: string; properties: Record<string, unknown> }>;
beforeAll(() => {
  t = synthOuvidor();
  routes = Object.entries(t.service.findResources('AWS::ApiGatewayV2::Route')).map(([id, r]) => ({ id, key: String(r['Properties']['RouteKey']), properties: r['Properties'] }));
}, 300_000);

describe('HTTP API gateway', () => {
  it('a Cognito JWT authorizer: the user pool as issuer, the console client as audience, the Authorization header', () => {
    const { userPool, userPoolClient } = t.built.stateful;
    const authorizers = Object.values(t.service.findResources('AWS::ApiGatewayV2::Authorizer'));
    expect(authorizers).toHaveLength(1);
    const p = authorizers[0]?.['Properties'];
    expect(p['AuthorizerType']).toBe('JWT');
    expect(p['IdentitySource']).toEqual(['$request.header.Authorization']);
    expect(JSON.stringify(p['JwtConfiguration']['Issuer'])).toMatch(/https:\/\/cognito-idp\.".*AWS::Region.*amazonaws\.com\//);
    expect(JSON.stringify(p['JwtConfiguration']['Issuer'])).toContain(logicalId(userPool));
    expect(JSON.stringify(p['JwtConfiguration']['Audience'])).toContain(logicalId(userPoolClient));
  });

  it('every route outside the public list requires the JWT authorizer', () => {
    const authorizerId = Object.keys(t.service.findResources('AWS::ApiGatewayV2::Authorizer'))[0];
    const protectedRoutes = routes.filter((r) => !PUBLIC_ROUTE_KEYS.includes(r.key));
    expect(protectedRoutes.length).toBeGreaterThan(15);
    for (const route of protectedRoutes) {
      expect(route.properties['AuthorizationType'], route.key).toBe('JWT');
      expect(route.properties['AuthorizerId'], route.key).toEqual({ Ref: authorizerId });
    }
  });

  it('the public routes stay open, and each of them exists', () => {
    expect(routes.map((r) => r.key)).toEqual(expect.arrayContaining([...PUBLIC_ROUTE_KEYS]));
    for (const route of routes.filter((r) => PUBLIC_ROUTE_KEYS.includes(r.key))) {
      expect(route.properties['AuthorizationType'], route.key).toBe('NONE');
      expect(route.properties['AuthorizerId'], route.key).toBeUndefined();
    }
  });

  it('the agents\' routes are protected (a sample the public list must never include)', () => {
    for (const key of ['GET /v1/feedback', 'PATCH /v1/feedback/{id}', 'POST /v1/feedback/{id}/replies', 'GET /v1/users', 'PUT /v1/admin/{name}', 'GET /v1/metrics', 'POST /v1/surveys']) {
      expect(PUBLIC_ROUTE_KEYS).not.toContain(key);
      expect(routes.find((r) => r.key === key)?.properties['AuthorizationType'], key).toBe('JWT');
    }
  });

  it('per-route throttling: each public route has its own limits, the console keeps the stage default', () => {
    const stages = Object.values(t.service.findResources('AWS::ApiGatewayV2::Stage'));
    expect(stages).toHaveLength(1);
    const stage = stages[0]!;
    const settings = stage['Properties']['RouteSettings'] as Record<string, Record<string, unknown>>;
    expect(Object.keys(settings).sort()).toEqual([...PUBLIC_ROUTE_KEYS].sort());
    for (const key of PUBLIC_ROUTE_KEYS) {
      expect(settings[key]).toEqual({ ThrottlingRateLimit: PUBLIC_ROUTE_THROTTLE.rateLimit, ThrottlingBurstLimit: PUBLIC_ROUTE_THROTTLE.burstLimit });
    }
    const defaults = stage['Properties']['DefaultRouteSettings'] as Record<string, number>;
    expect(defaults['ThrottlingRateLimit']).toBeGreaterThan(PUBLIC_ROUTE_THROTTLE.rateLimit);
    // Route settings name routes: CloudFormation must create them before the stage.
    const publicRouteIds = routes.filter((r) => PUBLIC_ROUTE_KEYS.includes(r.key)).map((r) => r.id);
    expect(stage['DependsOn']).toEqual(expect.arrayContaining(publicRouteIds));
  });
});
