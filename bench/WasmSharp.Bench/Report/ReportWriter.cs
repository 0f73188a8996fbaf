using System.Globalization;
using System.Text;

namespace WasmSharp.Bench.Report;

/// <summary>A table cell: its Markdown text and, for measurements, the number behind it (and a ratio, where one applies).</summary>
internal sealed record Cell(string Text, double? Value = null, string Unit = "", double? Ratio = null)
{
    public static implicit operator Cell(string text) => new(text);

    public override string ToString() => Text;
}

/// <summary>Collects the Markdown report and a long-format CSV of every table cell: section, row, column, value, unit,
/// ratio (to native, in the run-time table), and the cell's text ("not available", "FAILED", or the value shown).</summary>
internal sealed class ReportWriter
{
    private readonly StringBuilder _markdown = new();
    private readonly StringBuilder _csv = new("section,row,column,value,unit,ratio,text\n");

    public void Heading(string text) => _markdown.Append("\n## ").AppendLine(text).AppendLine();

    public void Paragraph(string text) => _markdown.AppendLine(text).AppendLine();

    public void Table(string section, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<Cell>> rows)
    {
        _markdown.AppendLine("| " + string.Join(" | ", header) + " |");
        _markdown.AppendLine("| --- |" + string.Concat(header.Skip(1).Select(_ => " ---: |")));
        foreach (var row in rows)
        {
            _markdown.AppendLine("| " + string.Join(" | ", row) + " |");
            for (int i = 1; i < row.Count; i++)
                _csv.AppendLine(Csv(section, row[0].Text.Trim('*'), header[i], Opt(row[i].Value), row[i].Unit, Opt(row[i].Ratio), row[i].Text.Trim('*')));
        }
        _markdown.AppendLine();
    }

    private static string Opt(double? value) => value is double v ? Num(v, "R") : "";

    public void Save(string markdownPath, string title)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(markdownPath)!);
        File.WriteAllText(markdownPath, $"# {title}\n" + _markdown);
        File.WriteAllText(Path.ChangeExtension(markdownPath, ".csv"), _csv.ToString());
    }

    public static string Num(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Csv(params string[] fields) => string.Join(",", fields.Select(Quote));

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n']) < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
