/**
 * JSON paths as problems show them: `resource.okta_user.bird.status`, `users[1]`,
 * `provisioner["local-exec"]`.
 */

/** Appends an object key or an array index to a JSON path. */
export function joinPath(parent: string, key: string | number): string {
  if (typeof key === "number") {
    return `${parent}[${key}]`;
  }
  if (!isIdentifier(key)) {
    return `${parent}[${JSON.stringify(key)}]`;
  }
  return `${parent}.${key}`;
}

/** True for Terraform identifiers, which can be written after a dot: [A-Za-z_][A-Za-z0-9_-]*. */
function isIdentifier(key: string): boolean {
  if (key.length === 0) {
    return false;
  }
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    const letter = (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f;
    if (!letter && (i === 0 || !((code >= 0x30 && code <= 0x39) || code === 0x2d))) {
      return false;
    }
  }
  return true;
}
