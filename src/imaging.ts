import type Sharp from 'sharp';

let loading: Promise<typeof Sharp> | undefined;

/**
 * sharp (libvips) is loaded with the first picture processed, not at start-up: it weighs about 25 MB, and a
 * session day — hundreds of phones logging in and voting — never resizes a photo. Its operation cache is off
 * and each picture uses one thread: a photo or an emblem now and then, on a laptop that also serves the hall.
 */
export function loadSharp(): Promise<typeof Sharp> {
  loading ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache(false);
    sharp.concurrency(1);
    return sharp;
  });
  return loading;
}
