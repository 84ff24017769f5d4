using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Distill.Generators
{
    /// <summary>Where a diagnostic points, as data: a file, a span and its lines.</summary>
    internal sealed record LocationInfo(string Path, TextSpan Span, LinePositionSpan LineSpan)
    {
        public Location ToLocation() => Location.Create(Path, Span, LineSpan);

        public static LocationInfo? From(Location? location)
        {
            if (location is null || location.SourceTree is null) return null;
            return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
        }
    }
}
