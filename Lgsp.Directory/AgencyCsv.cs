using System.Globalization;

namespace Lgsp.Directory;

/// <summary>One problem found in an import file, on the line where its record starts.</summary>
public sealed record CsvError(int Line, string Message);

/// <summary>What reading an import file produced: the agencies, or the reasons it cannot be imported.</summary>
public sealed record CsvImport(IReadOnlyList<Agency> Agencies, IReadOnlyList<CsvError> Errors)
{
    /// <summary>True when the file can be imported as a whole.</summary>
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// The directory's CSV format, UTF-8 with a header line:
/// <c>id,name,shortName,status,successorIds,effectiveFrom,effectiveTo,accepts</c>. Lists inside a field are
/// separated by <c>;</c>, dates are <c>yyyy-MM-dd</c> (<c>dd/MM/yyyy</c> is read too). Level and parent are
/// derived from the identifier and not stored.
/// </summary>
public static class AgencyCsv
{
    /// <summary>The header line, in column order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["id", "name", "shortName", "status", "successorIds", "effectiveFrom", "effectiveTo", "accepts"];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];

    /// <summary>The longest full name accepted.</summary>
    public const int MaxNameLength = 500;

    /// <summary>The longest short name accepted.</summary>
    public const int MaxShortNameLength = 100;

    /// <summary>Why a name or short name is refused, in Vietnamese, or null when both are fine.</summary>
    public static string? CheckNames(string name, string shortName) =>
        name.Length == 0 ? "Thiếu tên cơ quan."
        : name.Length > MaxNameLength ? $"Tên cơ quan dài tối đa {MaxNameLength} ký tự."
        : shortName.Length > MaxShortNameLength ? $"Tên viết tắt dài tối đa {MaxShortNameLength} ký tự."
        : null;

    /// <summary>
    /// Reads and checks a whole file. A retired agency's successors must be in the file or in
    /// <paramref name="existing"/>, and in operation once the file is applied, so that routing always ends at an
    /// active body and no chain of successors can loop. Any error makes the import invalid: callers import all
    /// of <see cref="CsvImport.Agencies"/> or nothing.
    /// </summary>
    public static CsvImport Read(TextReader reader, IReadOnlyCollection<Agency> existing)
    {
        var errors = new List<CsvError>();
        var agencies = new List<Agency>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        int[]? columnIndex = null;

        foreach (var (line, fields, unterminated) in CsvReader.Read(reader))
        {
            if (unterminated)
            {
                errors.Add(new CsvError(line, "Dấu ngoặc kép (\") mở ở dòng này không được đóng."));
                continue;
            }

            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (columnIndex is null)
            {
                columnIndex = ReadHeader(fields, line, errors);
                if (columnIndex is null)
                {
                    return new CsvImport([], errors);
                }

                continue;
            }

            string Field(string column)
            {
                var index = columnIndex[Columns.ToList().IndexOf(column)];
                return index >= 0 && index < fields.Count
                    ? VietnameseText.Normalize(CsvReader.Unprotect(fields[index]))
                    : "";
            }

            var agency = ReadRecord(Field, line, errors);
            if (agency is null)
            {
                continue;
            }

            if (seen.TryGetValue(agency.Id.Value, out var firstLine))
            {
                errors.Add(new CsvError(line, $"Mã định danh {agency.Id} trùng với dòng {firstLine}."));
                continue;
            }

            seen[agency.Id.Value] = line;
            agencies.Add(agency);
        }

        if (columnIndex is null)
        {
            errors.Add(new CsvError(1, "Tệp rỗng: cần dòng tiêu đề và ít nhất một cơ quan."));
        }

        CheckSuccessors(agencies, seen, existing, errors);
        return new CsvImport(agencies, errors.OrderBy(error => error.Line).ToList());
    }

    /// <summary>Writes agencies in the import format, so an export can be edited and imported back.</summary>
    public static void Write(TextWriter writer, IEnumerable<Agency> agencies)
    {
        writer.Write(string.Join(',', Columns));
        writer.Write('\n');
        foreach (var agency in agencies)
        {
            string[] fields =
            [
                agency.Id.Value,
                agency.Name,
                agency.ShortName,
                agency.Status.ToWord(),
                string.Join(';', agency.SuccessorIds),
                FormatDate(agency.EffectiveFrom),
                FormatDate(agency.EffectiveTo),
                string.Join(';', agency.Accepts),
            ];
            writer.Write(string.Join(',', fields.Select(CsvReader.Quote)));
            writer.Write('\n');
        }
    }

    private static int[]? ReadHeader(IReadOnlyList<string> fields, int line, List<CsvError> errors)
    {
        var names = fields.Select(field => field.Trim().TrimStart('\uFEFF')).ToList();
        var index = Columns
            .Select(column => names.FindIndex(name => name.Equals(column, StringComparison.OrdinalIgnoreCase)))
            .ToArray();
        if (index[0] < 0 || index[1] < 0)
        {
            errors.Add(new CsvError(line, $"Dòng tiêu đề phải có các cột: {string.Join(", ", Columns)}."));
            return null;
        }

        return index;
    }

    private static Agency? ReadRecord(Func<string, string> field, int line, List<CsvError> errors)
    {
        var before = errors.Count;
        if (!AgencyIdentifier.TryParse(field("id"), out var id, out var idError))
        {
            errors.Add(new CsvError(line, $"Mã định danh \"{field("id")}\" không hợp lệ: {idError}"));
        }

        if (CheckNames(field("name"), field("shortName")) is { } nameError)
        {
            errors.Add(new CsvError(line, nameError));
        }

        if (!AgencyStatusText.TryParse(field("status"), out var status))
        {
            errors.Add(new CsvError(line,
                $"Trạng thái \"{field("status")}\" không hợp lệ (active, renamed, merged, split, dissolved)."));
        }

        var successors = SplitList(field("successorIds"));
        foreach (var successor in successors)
        {
            if (!AgencyIdentifier.TryParse(successor, out _, out _))
            {
                errors.Add(new CsvError(line, $"Mã cơ quan kế thừa \"{successor}\" không hợp lệ."));
            }
        }

        if (status.RequiresSuccessor() && successors.Count == 0)
        {
            errors.Add(new CsvError(line, $"Trạng thái {status.ToWord()} cần mã cơ quan kế thừa."));
        }

        if (status == AgencyStatus.Active && successors.Count > 0)
        {
            errors.Add(new CsvError(line, "Cơ quan đang hoạt động không có cơ quan kế thừa."));
        }

        var from = ReadDate(field("effectiveFrom"), "effectiveFrom", line, errors);
        var to = ReadDate(field("effectiveTo"), "effectiveTo", line, errors);
        if (from is not null && to is not null && to < from)
        {
            errors.Add(new CsvError(line, "Ngày hết hiệu lực trước ngày có hiệu lực."));
        }

        var accepts = SplitList(field("accepts")).Select(type => type.ToLowerInvariant()).Distinct().ToList();
        foreach (var unknown in accepts.Where(type => !DataTypes.IsKnown(type)))
        {
            errors.Add(new CsvError(line,
                $"Kiểu dữ liệu \"{unknown}\" không được hỗ trợ ({string.Join(", ", DataTypes.All)})."));
        }

        if (errors.Count > before)
        {
            return null;
        }

        return new Agency
        {
            Id = id,
            Name = field("name"),
            ShortName = field("shortName"),
            Status = status,
            SuccessorIds = successors.Select(s => AgencyIdentifier.Parse(s).Value).ToList(),
            EffectiveFrom = from,
            EffectiveTo = to,
            Accepts = accepts.Count > 0 ? accepts : DataTypes.All,
        };
    }

    private static void CheckSuccessors(
        List<Agency> agencies,
        Dictionary<string, int> lines,
        IReadOnlyCollection<Agency> existing,
        List<CsvError> errors)
    {
        // The directory as it will be once the file is applied: the file's entries replace existing ones.
        var after = existing.ToDictionary(a => a.Id.Value, a => a.Status, StringComparer.Ordinal);
        agencies.ForEach(a => after[a.Id.Value] = a.Status);
        foreach (var agency in agencies)
        {
            foreach (var successor in agency.SuccessorIds)
            {
                var line = lines[agency.Id.Value];
                if (successor == agency.Id.Value)
                {
                    errors.Add(new CsvError(line, "Cơ quan không thể kế thừa chính nó."));
                }
                else if (!after.TryGetValue(successor, out var status))
                {
                    errors.Add(new CsvError(
                        line,
                        $"Cơ quan kế thừa {successor} không có trong tệp hay trong danh bạ."));
                }
                else if (status != AgencyStatus.Active)
                {
                    errors.Add(new CsvError(
                        line,
                        $"Cơ quan kế thừa {successor} {status.ToLabel().ToLowerInvariant()}; "
                            + "hãy chọn cơ quan đang hoạt động."));
                }
            }
        }
    }

    private static List<string> SplitList(string value) =>
        value.Split([';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static DateOnly? ReadDate(string value, string column, int line, List<CsvError> errors)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }

        errors.Add(new CsvError(line, $"Cột {column}: \"{value}\" không phải ngày (yyyy-MM-dd hoặc dd/MM/yyyy)."));
        return null;
    }

    private static string FormatDate(DateOnly? date) =>
        date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
