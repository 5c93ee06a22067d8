import { NonceBook } from '../../src/emulator/nonces';

const SKEW_MS = 15 * 60_000;
const MINUTE = 60_000;

describe('the nonces the emulator has accepted', () => {
  it('refuses a nonce again while its request, dated in the future, can still be accepted', () => {
    const book = new NonceBook(SKEW_MS);
    // A request dated 10 minutes ahead arrives at 0: acceptable until 25 minutes.
    expect(book.remember('n-1', 10 * MINUTE, 0)).toBe(true);

    book.forget(16 * MINUTE);

    expect(book.remember('n-1', 10 * MINUTE, 16 * MINUTE)).toBe(false);
  });

  it('forgets a nonce once its timestamp is more than the skew in the past', () => {
    const book = new NonceBook(SKEW_MS);
    book.remember('old', 0, 0);
    book.remember('new', 10 * MINUTE, 0);

    book.forget(SKEW_MS + 1);

    expect(book.size).toBe(1);
    expect(book.remember('new', 10 * MINUTE, SKEW_MS + 1)).toBe(false);
  });

  it('forgets the expired ones by itself as it fills, every 10,000 nonces', () => {
    const book = new NonceBook(SKEW_MS);
    for (let index = 0; index < 9_999; index++) book.remember(`early-${index}`, 0, 0);

    book.remember('late', 20 * MINUTE, 20 * MINUTE);

    expect(book.size).toBe(1);
  });
});
