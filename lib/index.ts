export * from "./user";
export * from "./group";
export * from "./group-rule";
export * from "./schema-property";
export { OktaSynthError } from "./private/errors";
export { OktaProvider } from "../.gen/providers/okta/provider";
export * from "./org-stack";
export * from "./app";
