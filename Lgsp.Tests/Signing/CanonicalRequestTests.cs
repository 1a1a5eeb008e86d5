using Lgsp.Signing;

namespace Lgsp.Tests.Signing;

/// <summary>Canonical requests worked out by hand from the SigV4 rules, for the cases signers get wrong.</summary>
public sealed class CanonicalRequestTests
{
    private static SignableRequest Request(
        string method,
        string path,
        string query,
        params (string, string)[] headers) =>
        new(method, path, query,
            headers.GroupBy(h => h.Item1)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(h => h.Item2).ToList()),
            CanonicalRequest.EmptyPayloadHash);

    [Theory]
    [InlineData("b=2&a=1", "a=1&b=2")]
    [InlineData("a=2&a=1&a=10", "a=1&a=10&a=2")]
    [InlineData("q=so%20thong%20tin", "q=so%20thong%20tin")]
    [InlineData("q=S%e1%bb%9f", "q=S%E1%BB%9F")]
    [InlineData("flag&b=", "b=&flag=")]
    [InlineData("a=x+y", "a=x%2By")]
    [InlineData("name=~-_.!", "name=~-_.%21")]
    [InlineData("", "")]
    public void CanonicalQuery_SortsDecodesAndReencodes(string raw, string expected)
    {
        Assert.Equal(expected, CanonicalRequest.CanonicalQuery(raw));
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("", "/")]
    [InlineData("/api/v1/exchanges", "/api/v1/exchanges")]
    [InlineData("/files/b%C3%A1o%20c%C3%A1o.pdf", "/files/b%C3%A1o%20c%C3%A1o.pdf")]
    [InlineData("/files/báo cáo.pdf", "/files/b%C3%A1o%20c%C3%A1o.pdf")]
    [InlineData("/files/a%2fb", "/files/a%2Fb")]
    [InlineData("/files/(1)", "/files/%281%29")]
    public void CanonicalPath_EncodesEachSegmentOnce(string raw, string expected)
    {
        Assert.Equal(expected, CanonicalRequest.CanonicalPath(raw));
    }

    [Fact]
    public void Build_HeaderWhitespaceAndRepeatedValues_AreTrimmedCollapsedAndJoined()
    {
        var request = Request("post", "/api/v1/exchanges", "",
            ("host", "127.0.0.1:5080"), ("x-lgsp-date", "20261204T103400Z"),
            ("x-meta", "  a   b  "), ("x-meta", "c"));

        var canonical = CanonicalRequest.Build(request, ["host", "x-lgsp-date", "x-meta"]);

        Assert.Equal(
            "POST\n/api/v1/exchanges\n\nhost:127.0.0.1:5080\nx-lgsp-date:20261204T103400Z\nx-meta:a b,c\n\n"
            + "host;x-lgsp-date;x-meta\n" + CanonicalRequest.EmptyPayloadHash,
            canonical);
    }

    [Fact]
    public void AwsTestSuiteGetVanilla_GivesThePublishedSignature()
    {
        // The "get-vanilla" case of AWS's SigV4 test suite: key AKIDEXAMPLE, region us-east-1, service "service".
        var request = Request("GET", "/", "", ("host", "example.amazonaws.com"), ("x-amz-date", "20150830T123600Z"));
        var canonical = CanonicalRequest.Build(request, ["host", "x-amz-date"]);
        var header = new AuthorizationHeader(SigningProfile.AwsHmacSha256, "AKIDEXAMPLE", "20150830", "us-east-1",
            "service", "aws4_request", ["host", "x-amz-date"], "");

        var stringToSign = CanonicalRequest.StringToSign(
            header.Profile.Algorithm,
            "20150830T123600Z",
            header.Scope,
            canonical);
        var signature = SignatureMath.Mac(header, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", stringToSign);

        Assert.EndsWith(
            "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
            stringToSign,
            StringComparison.Ordinal);
        Assert.Equal("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", signature);
    }
}
