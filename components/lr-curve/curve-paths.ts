import { line } from 'd3-shape';
import type { ScaleLinear } from 'd3-scale';
import type { ScheduleSample } from '../../src/schedule/types';
import { downsampleToColumns } from '../plot/downsample';
import type { Point } from '../plot/downsample';
import { extentOf, scaleY, xScale, yScale } from '../plot/scales';
import type { YScale } from '../plot/scales';

export interface CurveScales {
  x: ScaleLinear<number, number>;
  y: YScale;
  y2?: ScaleLinear<number, number> | YScale;
}

/** Everything drawn from a sample at one size and scale: the costly part of a render. */
export interface CurveDrawing extends CurveScales {
  lrPath: string;
  momentumPath?: string;
}

export function curveScales(
  sample: ScheduleSample,
  log: boolean,
  innerWidth: number,
  innerHeight: number,
): CurveScales {
  const n = sample.lr.length;
  const x = xScale(0, Math.max(1, n - 1), [0, innerWidth]);
  const y = yScale(extentOf(sample.lr), log, [innerHeight, 0], { zeroBased: true });
  const y2 = sample.momentum?.length
    ? yScale(extentOf(sample.momentum), false, [innerHeight, 0])
    : undefined;
  return { x, y, y2 };
}

function pathFor(
  values: readonly number[],
  columns: number,
  toX: (i: number) => number,
  toY: (v: number) => number,
): string {
  // Long horizons: keep first/min/max/last per pixel column; short ones: every step.
  const points: Point[] =
    values.length > 2 * columns
      ? downsampleToColumns(
          values.length,
          (i) => i,
          (i) => values[i],
          columns,
        )
      : values.map((v, i) => ({ x: i, y: v }));
  return (
    line<Point>()
      .x((p) => toX(p.x))
      .y((p) => toY(p.y))(points) ?? ''
  );
}

export function drawCurve(
  sample: ScheduleSample,
  log: boolean,
  innerWidth: number,
  innerHeight: number,
): CurveDrawing {
  const scales = curveScales(sample, log, innerWidth, innerHeight);
  const { x, y, y2 } = scales;
  const lrPath = pathFor(sample.lr, innerWidth, x, (v) => scaleY(y, log, v));
  const momentumPath =
    y2 && sample.momentum ? pathFor(sample.momentum, innerWidth, x, (v) => y2(v)) : undefined;
  return { ...scales, lrPath, momentumPath };
}
