using Lgsp.Portal.Audit;
using Lgsp.Portal.Settings;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lgsp.Portal.Components.Pages.Admin;

/// <summary>The one settings page: names, domain, the regulation's decision and office hours.</summary>
public sealed partial class PlatformSettingsPage
{
    private PlatformSettings? _settings;
    private string? _error;

    [Inject]
    private SettingsService Settings { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private Letters.IssuedDocuments Issued { get; set; } = default!;

    /// <summary>
    /// A warning when the public address is not the one this page was opened at: QR codes on issued letters lead
    /// to the configured address, so a wrong one sends readers to a page that is not there.
    /// </summary>
    private string? AddressWarning
    {
        get
        {
            var here = new Uri(Navigation.BaseUri).GetLeftPart(UriPartial.Authority);
            var configured = _settings?.PublicAddress.TrimEnd('/') ?? "";
            return configured.Length == 0
                ? "Chưa đặt địa chỉ công khai: mã QR trên văn bản sẽ dẫn tới địa chỉ máy chủ đang nghe "
                    + $"({Issued.PublicAddress(_settings!)}). Bạn đang mở cổng tại {here}; hãy đặt địa chỉ mà người "
                    + "nhận văn bản mở được."
                : !string.Equals(configured, here, StringComparison.OrdinalIgnoreCase)
                    ? $"Địa chỉ này khác địa chỉ bạn đang mở cổng ({here}). Mã QR và đường dẫn kiểm tra trên văn bản "
                        + "ban hành từ nay sẽ dẫn tới địa chỉ đã đặt; hãy chắc chắn người đọc mở được địa chỉ đó."
                    : null;
        }
    }

    private DateTime? DecisionDate
    {
        get => _settings!.RegulationDecisionDate?.ToDateTime(TimeOnly.MinValue);
        set => _settings!.RegulationDecisionDate = value is { } date ? DateOnly.FromDateTime(date) : null;
    }

    private TimeSpan? OfficeOpens
    {
        get => _settings!.OfficeOpens.ToTimeSpan();
        set => _settings!.OfficeOpens = TimeOnly.FromTimeSpan(value ?? TimeSpan.Zero);
    }

    private TimeSpan? LunchStarts
    {
        get => _settings!.LunchStarts.ToTimeSpan();
        set => _settings!.LunchStarts = TimeOnly.FromTimeSpan(value ?? TimeSpan.Zero);
    }

    private TimeSpan? LunchEnds
    {
        get => _settings!.LunchEnds.ToTimeSpan();
        set => _settings!.LunchEnds = TimeOnly.FromTimeSpan(value ?? TimeSpan.Zero);
    }

    private TimeSpan? OfficeCloses
    {
        get => _settings!.OfficeCloses.ToTimeSpan();
        set => _settings!.OfficeCloses = TimeOnly.FromTimeSpan(value ?? TimeSpan.Zero);
    }

    protected override async Task OnInitializedAsync() =>
        _settings = (await Settings.GetAsync(CancellationToken.None)).Clone();

    private async Task SaveAsync()
    {
        _error = null;
        if (!(_settings!.OfficeOpens < _settings.LunchStarts && _settings.LunchStarts <= _settings.LunchEnds
            && _settings.LunchEnds < _settings.OfficeCloses))
        {
            _error = "Giờ làm việc phải theo thứ tự: bắt đầu, nghỉ trưa, làm lại, kết thúc.";
            return;
        }

        try
        {
            await Settings.SaveAsync(_settings, CancellationToken.None);
            Snackbar.Add("Đã lưu cấu hình.", Severity.Success);
        }
        catch (PortalRuleException exception)
        {
            _error = exception.Message;
        }
    }
}
