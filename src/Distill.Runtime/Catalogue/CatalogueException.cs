using System;
using System.Collections.Generic;

namespace Distill.Runtime
{
    /// <summary>
    /// A term or schedule type whose attributes break the catalogue rules (docs/architecture.md):
    /// an unsupported property type, an enum member that is not PascalCase, a tap parameter that
    /// does not exist, a duplicate name. Thrown when the reflection catalogue is built.
    /// </summary>
    public sealed class CatalogueException(IReadOnlyList<string> problems)
        : InvalidOperationException("Invalid term catalogue:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", problems))
    {
        public IReadOnlyList<string> Problems { get; } = problems;
    }
}
