#!/usr/bin/env bash
# Proves the NuGet path end to end: pack Distill.Dsl and Distill.Runtime (which carries the
# generator) into a temporary feed, then build a fresh console project that only references the
# Distill.Runtime package. A bad recipe must fail the build with DST0102 at (2,8); a good one
# must build warning-free and run.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
version="0.1.0-smoke.$(date +%s)"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
cleanup() {
    rm -rf "$work" "$packages/distill.runtime/$version" "$packages/distill.dsl/$version"
}
trap cleanup EXIT

echo "== pack $version"
for project in Distill.Dsl Distill.Runtime; do
    dotnet pack "$root/src/$project" -c Release -o "$work/feed" -p:Version="$version" -nologo -v:q
done
unzip -l "$work/feed/Distill.Runtime.$version.nupkg" | grep -E 'analyzers/|buildTransitive/'

app="$work/app"
mkdir -p "$app/recipes"
cat > "$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="smoke" value="$work/feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
cat > "$app/Smoke.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <RootNamespace>Smoke</RootNamespace>
    <Nullable>enable</Nullable>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <NoWarn>\$(NoWarn);NU1603;NU1608</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Distill.Runtime" Version="$version" />
  </ItemGroup>
</Project>
XML
cat > "$app/Program.cs" <<'CS'
using static TorchSharp.torch;
var objective = new Smoke.Recipes.HintonObjective();
using var result = objective.Compute(
    new Smoke.Recipes.HintonObjective.Inputs { StudentLogits = randn(8, 5), TeacherLogits = randn(8, 5), Labels = randint(5, 8, dtype: ScalarType.Int64) },
    Distill.Runtime.TrainingProgress.Completed);
System.Console.WriteLine($"smoke total {result.Total.item<float>()}");
CS

echo "== a bad recipe fails the build at its line and column"
printf 'ce\n  + kd(temp = 4)\n' > "$app/recipes/hinton.distill"
if dotnet build "$app" -nologo > "$work/bad.log" 2>&1; then
    cat "$work/bad.log"; echo "FAIL: the bad recipe built"; exit 1
fi
if ! grep -q "recipes/hinton.distill(2,8): error DST0102" "$work/bad.log"; then
    grep -E 'error|warning' "$work/bad.log" | sort -u; echo "FAIL: no DST0102 at (2,8)"; exit 1
fi
grep -m1 "DST0102" "$work/bad.log"

echo "== a good recipe builds warning-free and runs"
printf 'ce + 0.9 * kd(T = 4)\n' > "$app/recipes/hinton.distill"
dotnet build "$app" -nologo -v:q > "$work/good.log" 2>&1 || { cat "$work/good.log"; echo "FAIL: the good recipe did not build"; exit 1; }
if grep -q "warning" "$work/good.log"; then grep "warning" "$work/good.log" | sort -u; echo "FAIL: warnings"; exit 1; fi
dotnet run --project "$app" --no-build | tee "$work/run.log"
grep -q "smoke total" "$work/run.log"
echo "pack-smoke: OK"
