using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lgsp.Portal.Migrations
{
    /// <inheritdoc />
    public partial class VerificationCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PublicAddress",
                table: "Settings",
                type: "TEXT",
                nullable: false,
                defaultValue: "http://localhost:5080");

            migrationBuilder.AddColumn<string>(
                name: "VerificationCode",
                table: "IssuedDocuments",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_IssuedDocuments_VerificationCode",
                table: "IssuedDocuments",
                column: "VerificationCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_IssuedDocuments_VerificationCode",
                table: "IssuedDocuments");

            migrationBuilder.DropColumn(
                name: "PublicAddress",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "VerificationCode",
                table: "IssuedDocuments");
        }
    }
}
