// Shared by the digit and filters page tests: strokes drawn with the mouse on the pad, and the page's
// state once it has classified them.
import type { Page } from "playwright-core";

/** Drag the mouse through `points` (pad coordinates, 0..280) in small steps. */
export async function draw(page: Page, points: [number, number][]): Promise<void> {
  const box = (await page.locator("#pad").boundingBox())!;
  const to = ([x, y]: [number, number]) => [box.x + x * box.width / 280, box.y + y * box.height / 280] as const;
  await page.mouse.move(...to(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...to(p), { steps: 8 });
  await page.mouse.up();
}

/** The page's window[key] once its `field` is not null (the page has drawn what it computed from a stroke). */
export async function drawn<T>(page: Page, key: string, field: string): Promise<T> {
  const handle = await page.waitForFunction(([k, f]) => {
    const v = (globalThis as unknown as Record<string, Record<string, unknown> | undefined>)[k];
    return v && v[f] !== null && v[f] !== undefined ? v : undefined;
  }, [key, field] as const);
  return (await handle.jsonValue()) as T;
}
