using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lgsp.Portal.Migrations
{
    /// <inheritdoc />
    public partial class TrafficStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AgencyDays",
                columns: table => new
                {
                    AgencyId = table.Column<string>(type: "TEXT", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Sent = table.Column<int>(type: "INTEGER", nullable: false),
                    BytesSent = table.Column<long>(type: "INTEGER", nullable: false),
                    Received = table.Column<int>(type: "INTEGER", nullable: false),
                    BytesReceived = table.Column<long>(type: "INTEGER", nullable: false),
                    Delivered = table.Column<int>(type: "INTEGER", nullable: false),
                    Rejected = table.Column<int>(type: "INTEGER", nullable: false),
                    Undeliverable = table.Column<int>(type: "INTEGER", nullable: false),
                    Expired = table.Column<int>(type: "INTEGER", nullable: false),
                    DeliveryP50Seconds = table.Column<double>(type: "REAL", nullable: true),
                    DeliveryP95Seconds = table.Column<double>(type: "REAL", nullable: true),
                    Connects = table.Column<int>(type: "INTEGER", nullable: false),
                    Disconnects = table.Column<int>(type: "INTEGER", nullable: false),
                    OnlineMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    ComputedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgencyDays", x => new { x.AgencyId, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "StatisticsProgress",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LastCompleteDay = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsProgress", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AgencyDays_Day",
                table: "AgencyDays",
                column: "Day");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgencyDays");

            migrationBuilder.DropTable(
                name: "StatisticsProgress");
        }
    }
}
