/**
 * The model and loss sections of an exported script: nn.Sequential of nn.Linear layers and
 * activation modules, the initial weights embedded, the data loss (BCEWithLogitsLoss or
 * MSELoss) and the coupled L2 penalty, as src/model computes them.
 */
import { layerShapes, resolveInit } from '../model/init';
import type { Activation, ModelConfig } from '../protocol/experiment';
import type { TaskKind } from '../protocol/api';
import { LINE_WIDTH, pyComment, pyFloat32, pyNumber, pyPackedList } from './python';

/** The torch module of each activation (src/model/activations.ts); linear has none. */
const ACTIVATION_MODULE: Record<Activation, string | null> = {
  relu: 'nn.ReLU()',
  // torch's default negative_slope, 0.01, is the slope optim-lab uses.
  leakyRelu: 'nn.LeakyReLU()',
  tanh: 'nn.Tanh()',
  sigmoid: 'nn.Sigmoid()',
  // optim-lab's GELU is the exact one, x * Phi(x), which is nn.GELU's default.
  gelu: 'nn.GELU()',
  linear: null,
};

const INIT_NAME = { he: 'He (Kaiming) normal', glorot: 'Glorot (Xavier) uniform' } as const;

/**
 * nn.Linear's weight is [out, in]; optim-lab stores W as [in, out], row-major. Rows sit at
 * indentation level 3 and wrap when they do not fit on a line.
 */
function linearWeight(w: Float32Array, fanIn: number, fanOut: number): string {
  const rows: string[] = [];
  for (let out = 0; out < fanOut; out++) {
    const row: string[] = [];
    for (let i = 0; i < fanIn; i++) row.push(pyFloat32(w[i * fanOut + out]));
    const flat = `[${row.join(', ')}]`;
    rows.push(12 + flat.length + 1 <= LINE_WIDTH ? flat : pyPackedList(row, 3));
  }
  return pyPackedList(rows, 2);
}

function bias(b: Float32Array): string {
  if (b.every((value) => value === 0 && !Object.is(value, -0))) {
    return b.length === 1 ? '[0.0]' : `[0.0] * ${b.length}`;
  }
  return pyPackedList(Array.from(b, pyFloat32), 2);
}

export function modelSection(
  model: ModelConfig,
  inputDims: number,
  initialWeights: readonly Float32Array[],
): string {
  const shapes = layerShapes(inputDims, model.hidden);
  const activation = ACTIVATION_MODULE[model.activation];
  const layers = shapes.flatMap(({ fanIn, fanOut }, i) => {
    const linear = `nn.Linear(${fanIn}, ${fanOut})`;
    return i < shapes.length - 1 && activation ? [`${linear}, ${activation},`] : [`${linear},`];
  });
  const weights = shapes.map(({ fanIn, fanOut }, i) =>
    [
      '    (',
      `        ${linearWeight(initialWeights[2 * i], fanIn, fanOut)},`,
      `        ${bias(initialWeights[2 * i + 1])},`,
      '    ),',
    ].join('\n'),
  );
  const widths = [inputDims, ...model.hidden, 1].join(' -> ');
  const scheme = resolveInit(model.init, model.activation);
  const init =
    scheme === 'glorot'
      ? `${INIT_NAME.glorot} weights`
      : `${INIT_NAME.he} weights in the hidden layers, Glorot uniform in the output layer`;
  const about = pyComment(
    `(weight [out, in], bias) of each nn.Linear as optim-lab initialised it (model seed ` +
      `${model.seed}): ${init}, zero biases.`,
  );
  return `${about}
INITIAL_WEIGHTS = [
${weights.join('\n')}
]


def make_model():
    """${widths}, ${model.activation}, starting from INITIAL_WEIGHTS."""
    model = nn.Sequential(
${layers.map((line) => `        ${line}`).join('\n')}
    )
    with torch.no_grad():
        for layer, (weight, bias) in zip(linear_layers(model), INITIAL_WEIGHTS):
            layer.weight.copy_(torch.tensor(weight))
            layer.bias.copy_(torch.tensor(bias))
    return model


def linear_layers(model):
    return [module for module in model if isinstance(module, nn.Linear)]`;
}

export function lossSection(task: TaskKind, l2: number): string {
  const criterion =
    task === 'binary'
      ? 'criterion = nn.BCEWithLogitsLoss()  # binary classification: the model outputs logits'
      : 'criterion = nn.MSELoss()  # regression';
  if (l2 === 0) {
    return `${criterion}


def training_loss(model, x, y):
    """What the optimizer minimizes, and the loss the lab reports for each step."""
    return criterion(model(x).squeeze(1), y)`;
  }
  return `${criterion}
# optim-lab's L2 penalty, added to the loss (coupled, unlike an optimizer's decoupled
# weight decay): L2 * sum of the squared weights of every layer, biases excluded.
L2 = ${pyNumber(l2)}


def training_loss(model, x, y):
    """What the optimizer minimizes, and the loss the lab reports for each step."""
    data_loss = criterion(model(x).squeeze(1), y)
    penalty = sum(layer.weight.pow(2).sum() for layer in linear_layers(model))
    return data_loss + L2 * penalty`;
}
