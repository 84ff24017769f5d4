using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace Distill.Dsl
{
    /// <summary>
    /// An immutable array with structural equality, so that records holding lists compare by
    /// value (the generator's incremental cache relies on it).
    /// </summary>
    public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
    {
        private readonly T[]? _items;

        public EquatableArray(IEnumerable<T> items) => _items = items.ToArray();

        public static EquatableArray<T> Empty => new EquatableArray<T>(Array.Empty<T>());

        public int Count => _items?.Length ?? 0;
        public T this[int index] => (_items ?? Array.Empty<T>())[index];
        public bool IsEmpty => Count == 0;

        public bool Equals(EquatableArray<T> other)
        {
            var a = _items ?? Array.Empty<T>();
            var b = other._items ?? Array.Empty<T>();
            if (a.Length != b.Length) return false;
            var cmp = EqualityComparer<T>.Default;
            for (int i = 0; i < a.Length; i++)
                if (!cmp.Equals(a[i], b[i])) return false;
            return true;
        }

        public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

        public override int GetHashCode()
        {
            unchecked
            {
                int hash = 17;
                var cmp = EqualityComparer<T>.Default;
                foreach (var item in _items ?? Array.Empty<T>())
                    hash = hash * 31 + (item is null ? 0 : cmp.GetHashCode(item));
                return hash;
            }
        }

        public static bool operator ==(EquatableArray<T> a, EquatableArray<T> b) => a.Equals(b);
        public static bool operator !=(EquatableArray<T> a, EquatableArray<T> b) => !a.Equals(b);

        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    public static class EquatableArray
    {
        public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items) => new EquatableArray<T>(items);
        public static EquatableArray<T> Create<T>(params T[] items) => new EquatableArray<T>(items);
    }
}
