/**
 * How an org stack is written: what cdktf 0.21's StackSynthesizer does, step by step, but the JSON
 * streamed to cdk.tf.json (stable-json.ts, the same bytes) rather than stringified whole, and, for an
 * app that asked (OktaApp, which checks every written file), the written JSON kept, so that the checks
 * need not read and parse the file again: one copy of a 100,000-user stack alive instead of three.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { AnnotationMetadataEntryType, Annotations, App, Aspects, IAspect, TerraformStack } from "cdktf";
import { encounteredAnnotationWithLevelError } from "cdktf/lib/errors";
import { StackAnnotation } from "cdktf/lib/manifest";
import { StackSynthesizer } from "cdktf/lib/synthesize/synthesizer";
import { ISynthesisSession } from "cdktf/lib/synthesize/types";
import { ValidateTerraformVersion } from "cdktf/lib/validations/validate-terraform-version";
import { IConstruct } from "constructs";
import { pastedSecretSuspect } from "../analysis/secrets";
import { writeStableJson } from "./stable-json";

/** cdktf's key for a construct's custom synthesis (cdktf/lib/synthesize/synthesizer addCustomSynthesis). */
const CUSTOM_SYNTHESIS = Symbol.for("cdktf/customSynthesis");

const ANNOTATION_LEVELS: readonly string[] = [AnnotationMetadataEntryType.INFO, AnnotationMetadataEntryType.WARN, AnnotationMetadataEntryType.ERROR];

/**
 * The key under which cdktf keeps a construct's Aspects (a private symbol: found on a probe), so that
 * a construct without any is not given an empty Aspects object, as Aspects.of does, 110,000 times.
 */
const ASPECTS: symbol = (() => {
  const probe = {} as IConstruct;
  Aspects.of(probe);
  return Object.getOwnPropertySymbols(probe)[0];
})();

/** The aspects added to a construct itself. */
function ownAspects(construct: IConstruct): IAspect[] {
  return (construct as unknown as Record<symbol, Aspects | undefined>)[ASPECTS]?.all ?? [];
}

/**
 * cdktf's invokeAspects (cdktf/lib/synthesize/synthesizer), step for step, but without creating an
 * Aspects object or a list for each construct of a tree that has none.
 */
function invokeAspects(root: IConstruct): void {
  const invokedByPath = new Map<string, IAspect[]>();
  let nestedAspectWarning = false;
  const recurse = (construct: IConstruct, inherited: readonly IAspect[]) => {
    const own = ownAspects(construct);
    const here = own.length === 0 ? inherited : [...inherited, ...own];
    for (const aspect of here) {
      const path = construct.node.path;
      let invoked = invokedByPath.get(path);
      if (!invoked) invokedByPath.set(path, (invoked = []));
      if (invoked.includes(aspect)) continue;
      aspect.visit(construct);
      if (!nestedAspectWarning && own.length !== ownAspects(construct).length) {
        Annotations.of(construct).addWarning("We detected an Aspect was added via another Aspect, and will not be applied");
        nestedAspectWarning = true;
      }
      invoked.push(aspect);
    }
    for (const child of construct.node.children) recurse(child, here);
  };
  recurse(root, []);
}

/** A stack's JSON as its synthesizer wrote it. */
export interface WrittenJson {
  /** The JSON (keys in the order they were built, not in the file's). */
  readonly tf: unknown;
  /** No string in it may be a pasted secret (see findSecrets' noSuspectStrings). */
  readonly noSuspectStrings: boolean;
  /** How deep its arrays and objects nest. */
  readonly depth: number;
}

/** The JSON each stack of an app wrote, by the file's path, while the app keeps it (keepWrittenJson). */
const keptByApp = new WeakMap<IConstruct, Map<string, WrittenJson>>();

/**
 * From now on the org stacks of `app` keep the JSON they write, when it is plain JSON (what parsing the
 * file back gives, keys aside): the returned map, by the file's absolute path, until released.
 */
export function keepWrittenJson(app: IConstruct): { readonly written: ReadonlyMap<string, WrittenJson>; release(): void } {
  const written = new Map<string, WrittenJson>();
  keptByApp.set(app, written);
  return { written, release: () => void (keptByApp.get(app) === written && keptByApp.delete(app)) };
}

/** cdktf's StackSynthesizer for an org stack, writing its JSON with writeStableJson. */
export class OrgStackSynthesizer extends StackSynthesizer {
  constructor(
    stack: TerraformStack,
    private readonly continueOnErrors = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined,
    private readonly hcl = process.env.SYNTH_HCL_OUTPUT === "true" || process.env.SYNTH_HCL_OUTPUT === "1",
  ) {
    super(stack, continueOnErrors, hcl);
  }

  public synthesize(session: ISynthesisSession): void {
    if (this.hcl) return super.synthesize(session);
    const stack = this.stack;
    invokeAspects(stack);
    if (stack.hasResourceMove()) {
      stack.node.addValidation(new ValidateTerraformVersion(">=1.5", "Resource move functionality is only supported for Terraform >=1.5. Please upgrade your Terraform version."));
    }
    if (!session.skipValidation) stack.runAllValidations();
    const stackManifest = session.manifest.forStack(stack);
    const workingDirectory = path.join(session.outdir, stackManifest.workingDirectory);
    if (!fs.existsSync(workingDirectory)) fs.mkdirSync(workingDirectory);

    // One walk for cdktf's two: custom synthesis (leaves first), then the annotations (in tree order).
    const { preorder, postorder } = walk(stack);
    for (const construct of postorder) customSynthesis(construct)?.onSynthesize(session);
    const annotations: StackAnnotation[] = [];
    for (const construct of preorder) {
      for (const metadata of construct.node.metadata) {
        if (!ANNOTATION_LEVELS.includes(metadata.type)) continue;
        annotations.push({ constructPath: construct.node.path, level: metadata.type as AnnotationMetadataEntryType, message: metadata.data, stacktrace: metadata.trace });
      }
    }
    (stackManifest as { annotations: StackAnnotation[] }).annotations = annotations;
    const errors = annotations.filter((a) => a.level === AnnotationMetadataEntryType.ERROR);
    if (!this.continueOnErrors && errors.length > 0) throw encounteredAnnotationWithLevelError(errors.map((a) => `[${a.constructPath}] ${a.message}`).join("\n"));

    const tf = stack.toTerraform();
    const file = path.join(session.outdir, stackManifest.synthesizedStackPath);
    const kept = keptByApp.get(App.of(stack));
    // An app that keeps the JSON scans it for secrets: the writer tries each string for a pasted one.
    const written = writeStableJson(file, tf, { suspect: kept ? pastedSecretSuspect() : undefined });
    if (kept && written.plain) kept.set(path.resolve(file), { tf, noSuspectStrings: !written.suspectStrings, depth: written.depth });
  }
}

/** A construct's custom synthesis, which cdktf runs for every construct of the stack, leaves first. */
function customSynthesis(construct: IConstruct): { onSynthesize(session: ISynthesisSession): void } | undefined {
  return (construct as unknown as Record<symbol, { onSynthesize(session: ISynthesisSession): void } | undefined>)[CUSTOM_SYNTHESIS];
}

/** The constructs of a tree in findAll's PREORDER and POSTORDER, from one walk. */
function walk(root: IConstruct): { preorder: IConstruct[]; postorder: IConstruct[] } {
  const preorder: IConstruct[] = [];
  const postorder: IConstruct[] = [];
  const visit = (construct: IConstruct) => {
    preorder.push(construct);
    for (const child of construct.node.children) visit(child);
    postorder.push(construct);
  };
  visit(root);
  return { preorder, postorder };
}
