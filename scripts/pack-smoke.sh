#!/usr/bin/env bash
# Proves the NuGet path end to end, as a TorchSharp user meets it (docs/packages.md):
#  1. pack every Distill package with one fresh version (src/Distill.Packages.proj) into a feed;
#     the libraries depend on TorchSharp only, never on a libtorch;
#  2. an app with TorchSharp-cpu and an app with libtorch-cpu-linux-x64 (the custom-term example,
#     with its law-kit tests from the Distill.Testing package) each fail the build on a bad recipe
#     at its line and column, then build warning-free and run (which needs the Debian fix);
#  3. the TorchSharp-cpu app publishes for win-x64 and osx-arm64 (built, not run): the generator
#     ran, the platform's natives are there, and the Linux fix did not act;
#  4. the distill tool installs from the feed and `distill demo` runs (a short demo).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
# SMOKE_FEED=dir SMOKE_SUFFIX=s reuse a feed packed earlier with -p:VersionSuffix=s (while editing this script).
suffix="${SMOKE_SUFFIX:-smoke.$(date -u +%Y%m%d%H%M%S)}"
version="0.1.0-$suffix"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
ids=(distill.dsl distill.runtime distill.training distill.testing distill)
cleanup() {
    rm -rf "$work"
    [[ -n ${SMOKE_FEED:-} ]] && return
    for id in "${ids[@]}"; do rm -rf "${packages:?}/$id/$version"; done
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
step() { echo "== $* ($(date -u +%T))"; }
feed="${SMOKE_FEED:-$work/feed}"

step "pack $version"
[[ -n ${SMOKE_FEED:-} ]] || dotnet pack "$root/src/Distill.Packages.proj" -o "$feed" -p:VersionSuffix="$suffix" -nologo -v:q > "$work/pack.log" 2>&1 \
    || { cat "$work/pack.log"; fail "pack"; }
for id in Distill.Dsl Distill.Runtime Distill.Training Distill.Testing; do
    nupkg="$feed/$id.$version.nupkg"
    [[ -f $nupkg && -f $feed/$id.$version.snupkg ]] || fail "$id: no package or symbol package at $version"
    nuspec=$(unzip -p "$nupkg" "$id.nuspec")
    grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || fail "$id: no licence"
    grep -q '<readme>README.md</readme>' <<<"$nuspec" || fail "$id: no readme"
    grep -q '<repository type="git"' <<<"$nuspec" || fail "$id: no repository metadata"
    if grep -qiE 'id="(libtorch|TorchSharp-)' <<<"$nuspec"; then fail "$id depends on a libtorch: $(grep -iE 'libtorch|TorchSharp-' <<<"$nuspec")"; fi
    # Every Distill dependency names this same version.
    if grep -oE 'id="Distill\.[A-Za-z]+" version="[^"]*"' <<<"$nuspec" | grep -v "version=\"$version\""; then fail "$id: a Distill dependency at another version"; fi
done
listing=$(unzip -l "$feed/Distill.Runtime.$version.nupkg")
grep -q 'analyzers/dotnet/cs/Distill.Generators.dll' <<<"$listing" || fail "Distill.Runtime lacks the generator"
grep -q 'buildTransitive/Distill.Runtime.targets' <<<"$listing" || fail "Distill.Runtime lacks the native fix"
# Deterministic, path-independent packs: no trace of this checkout's folder in the assembly.
unzip -p "$feed/Distill.Runtime.$version.nupkg" lib/net10.0/Distill.Runtime.dll > "$work/runtime.dll"
if grep -qaF "$root/" "$work/runtime.dll"; then fail "Distill.Runtime.dll names $root"; fi
tool_mb=$(( $(stat -c %s "$feed/distill.$version.nupkg") / 1048576 ))
echo "tool package: ${tool_mb} MiB"
(( tool_mb < 200 )) || fail "the tool package is ${tool_mb} MiB"

cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="smoke" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
props="<Nullable>enable</Nullable><TreatWarningsAsErrors>true</TreatWarningsAsErrors><NoWarn>\$(NoWarn);NU1603;NU1608</NoWarn>"

# expect_bad_build PROJECT LOG PATTERN: the build fails, and with PATTERN (path(line,col): error ID).
expect_bad_build() {
    if dotnet build "$1" -nologo > "$2" 2>&1; then cat "$2"; fail "$1: the bad recipe built"; fi
    grep -q "$3" "$2" || { grep -E 'error|warning' "$2" | sort -u; fail "$1: no '$3'"; }
    grep -m1 "$3" "$2"
}
# fix_acted LOG: on a system whose libstdc++ lacks GLIBCXX_3.4.32 (Debian 12), the build patched
# the libLibTorchSharp.so beside the Linux libtorch (the run then proves it loads).
fix_acted() {
    if grep -qa 'GLIBCXX_3\.4\.32' /usr/lib/x86_64-linux-gnu/libstdc++.so.6 2>/dev/null; then return 0; fi
    grep -q "Distill: marked GLIBCXX_3.4.32 weak" "$1"
}
# build_clean PROJECT LOG: builds with no warning; -v:n so the native fix's messages are in LOG.
build_clean() {
    dotnet build "$1" -nologo -v:n > "$2" 2>&1 || { grep -E 'error' "$2" | sort -u; fail "$1 did not build"; }
    if grep -qE ': warning ' "$2"; then grep -E ': warning ' "$2" | sort -u; fail "$1: warnings"; fi
}

step "app A: Distill.Runtime + TorchSharp-cpu"
app="$work/app-cpu"
mkdir -p "$app/recipes"
cat > "$app/Smoke.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><RootNamespace>Smoke</RootNamespace>$props
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Distill.Runtime" Version="$version" />
    <PackageReference Include="TorchSharp-cpu" Version="0.107.0" />
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
printf 'ce\n  + kd(temp = 4)\n' > "$app/recipes/hinton.distill"
expect_bad_build "$app" "$work/a-bad.log" "recipes/hinton.distill(2,8): error DST0102"
printf 'ce + 0.9 * kd(T = 4)\n' > "$app/recipes/hinton.distill"
build_clean "$app" "$work/a-good.log"
fix_acted "$work/a-good.log" || fail "app A: the native fix did not look at the Linux libtorch"
dotnet run --project "$app" --no-build | tee "$work/a-run.log"
grep -q "smoke total" "$work/a-run.log" || fail "app A did not run"

for rid in win-x64 osx-arm64; do
    step "app A: publish -r $rid (built, not run)"
    out="$work/publish-$rid"
    dotnet publish "$app" -r "$rid" --self-contained false -o "$out" -nologo -v:n > "$work/publish-$rid.log" 2>&1 \
        || { grep -E 'error' "$work/publish-$rid.log" | sort -u; fail "publish $rid"; }
    case $rid in
        win-x64) natives=(LibTorchSharp.dll torch_cpu.dll) ;;
        osx-arm64) natives=(libLibTorchSharp.dylib libtorch_cpu.dylib) ;;
    esac
    for f in Smoke.dll "${natives[@]}"; do [[ -f $out/$f ]] || fail "$rid: no $f in the publish folder"; done
    [[ -z $(find "$out" -name '*.so') ]] || fail "$rid: Linux natives in the publish folder"
    if grep -q "Distill: marked" "$work/publish-$rid.log"; then fail "$rid: the Linux fix acted"; fi
    # The generator ran: the recipe's class is in the assembly.
    grep -qa "HintonObjective" "$out/Smoke.dll" || fail "$rid: no generated HintonObjective"
    echo "$rid: $(du -sh "$out" | cut -f1), generated class and ${natives[*]} present, no Linux fix"
done

step "app B: the custom-term example + libtorch-cpu-linux-x64, its tests with the Distill.Testing package"
ex="$work/examples"
mkdir -p "$ex"
cp -r "$root/examples/Distill.Examples.CustomTerm" "$root/examples/Distill.Examples.CustomTerm.Tests" "$ex/"
rm -rf "$ex"/*/bin "$ex"/*/obj "$ex"/*/*.csproj
cat > "$ex/Distill.Examples.CustomTerm/Distill.Examples.CustomTerm.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><RootNamespace>Distill.Examples.CustomTerm</RootNamespace>$props
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Distill.Runtime" Version="$version" />
    <PackageReference Include="libtorch-cpu-linux-x64" Version="2.10.0" />
  </ItemGroup>
</Project>
XML
cat > "$ex/Distill.Examples.CustomTerm.Tests/Distill.Examples.CustomTerm.Tests.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework><IsTestProject>true</IsTestProject>$props
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Distill.Testing" Version="$version" />
    <PackageReference Include="libtorch-cpu-linux-x64" Version="2.10.0" />
    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
    <PackageReference Include="xunit" Version="2.9.3" />
    <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
    <PackageReference Include="FsCheck.Xunit" Version="3.6.0" />
  </ItemGroup>
  <ItemGroup>
    <ProjectReference Include="../Distill.Examples.CustomTerm/Distill.Examples.CustomTerm.csproj" />
  </ItemGroup>
</Project>
XML
recipe="$ex/Distill.Examples.CustomTerm/recipes/student.distill"
cp "$recipe" "$work/student.distill"
echo 'ce + 0.5 * kd(T = 4) + 2 * cosine(eps = -1, margin = 2)' > "$recipe"
expect_bad_build "$ex/Distill.Examples.CustomTerm" "$work/b-bad.log" "recipes/student.distill(1,41): error DST0202"
cp "$work/student.distill" "$recipe"
build_clean "$ex/Distill.Examples.CustomTerm" "$work/b-good.log"
fix_acted "$work/b-good.log" || fail "app B: the native fix did not look at the Linux libtorch"
dotnet run --project "$ex/Distill.Examples.CustomTerm" --no-build | tee "$work/b-run.log"
grep -q "total" "$work/b-run.log" || fail "app B did not run"
dotnet test "$ex/Distill.Examples.CustomTerm.Tests" -nologo > "$work/b-test.log" 2>&1 || { tail -40 "$work/b-test.log"; fail "the example's tests"; }
grep -E "Passed!|Failed!" "$work/b-test.log"

step "the distill tool from the feed"
dotnet tool install distill --tool-path "$work/tools" --add-source "$feed" --version "$version" > "$work/tool.log" 2>&1 \
    || { cat "$work/tool.log"; fail "tool install"; }
(cd "$work" && "$work/tools/distill" demo --epochs 1 --teacher-epochs 1 --limit 512 --data shipped --out "$work/demo") > "$work/demo.log" 2>&1 \
    || { tail -30 "$work/demo.log"; fail "distill demo"; }
grep -E "teacher|student" "$work/demo.log" | tail -3
grep -q "student (kd.distill)" "$work/demo.log" || fail "distill demo printed no results table"
echo "pack-smoke: OK"
