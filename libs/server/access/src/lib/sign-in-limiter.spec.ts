import { SignInLimiter } from './sign-in-limiter';

describe('SignInLimiter', () => {
  const t0 = Date.UTC(2026, 0, 1);

  it('blocks an email from one address after 5 failures until the oldest of them is 15 minutes old', () => {
    const limiter = new SignInLimiter();
    for (let i = 0; i < 4; i++) limiter.recordFailure('A@x.nhs.uk', '10.0.0.1', t0 + i * 60_000);
    expect(limiter.blockedForMinutes('a@x.nhs.uk', '10.0.0.1', t0 + 4 * 60_000)).toBe(0);
    limiter.recordFailure('a@x.nhs.uk', '10.0.0.1', t0 + 4 * 60_000);
    expect(limiter.blockedForMinutes('a@x.nhs.uk', '10.0.0.1', t0 + 4 * 60_000)).toBe(11);
    // The same email from another address, and another email from this address, are not blocked.
    expect(limiter.blockedForMinutes('a@x.nhs.uk', '10.0.0.2', t0 + 4 * 60_000)).toBe(0);
    expect(limiter.blockedForMinutes('b@x.nhs.uk', '10.0.0.1', t0 + 4 * 60_000)).toBe(0);
    // The window slides: once the oldest failure is 15 minutes old, one more try is allowed.
    expect(limiter.blockedForMinutes('a@x.nhs.uk', '10.0.0.1', t0 + 15 * 60_000 + 1)).toBe(0);
  });

  it('blocks an address that fails across many emails', () => {
    const limiter = new SignInLimiter(5, 3);
    ['a', 'b', 'c'].forEach((u) => limiter.recordFailure(`${u}@x.nhs.uk`, '10.0.0.9', t0));
    expect(limiter.blockedForMinutes('d@x.nhs.uk', '10.0.0.9', t0)).toBe(15);
  });

  it('forgets failures for an email and address after a successful sign-in', () => {
    const limiter = new SignInLimiter();
    for (let i = 0; i < 4; i++) limiter.recordFailure('a@x.nhs.uk', '10.0.0.1', t0);
    limiter.recordSuccess('a@x.nhs.uk', '10.0.0.1');
    limiter.recordFailure('a@x.nhs.uk', '10.0.0.1', t0);
    expect(limiter.blockedForMinutes('a@x.nhs.uk', '10.0.0.1', t0)).toBe(0);
  });
});
