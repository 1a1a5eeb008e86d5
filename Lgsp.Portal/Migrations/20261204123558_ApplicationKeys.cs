using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lgsp.Portal.Migrations
{
    /// <inheritdoc />
    public partial class ApplicationKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Applications",
                columns: table => new
                {
                    AccessKeyId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AgencyId = table.Column<string>(type: "TEXT", maxLength: 13, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ProtectedSecret = table.Column<string>(type: "TEXT", nullable: true),
                    PublicKeyPem = table.Column<string>(type: "TEXT", nullable: true),
                    IssuedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Applications", x => x.AccessKeyId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_AgencyId",
                table: "Applications",
                column: "AgencyId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Applications");
        }
    }
}
